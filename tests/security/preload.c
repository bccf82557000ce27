/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The library esc-ld-preload tries to inject with LD_PRELOAD: a symbol
 * that shows it was loaded, and nothing else (it is loaded into every
 * program of the run, syd and timeout(1) included).
 */
extern const int esc_preload_marker;
const int esc_preload_marker = 0x5afe;
