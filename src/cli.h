/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text syd's command line prints: syd --el (cli_el.c). */
#ifndef SYD_CLI_H
#define SYD_CLI_H

extern const char cli_el_text[];

#endif
