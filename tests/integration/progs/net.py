# SPDX-License-Identifier: GPL-3.0-or-later
# Network checks for t-net.sh. "serve DIR" (outside syd): TCP and UDP
# servers on 127.0.0.1 and 127.0.0.2, UNIX ones in DIR/agents, their ports
# written to DIR/ports. "client DIR CHECK..." (under syd): one line per
# check, "NAME RESULT", RESULT OK or the errno's name.
import errno, os, select, signal, socket, sys, threading

def serve(d):
    ports = []
    def tcp(ip):
        s = socket.socket(); s.bind((ip, 0)); s.listen(16)
        def loop():
            while True:
                c, _ = s.accept(); c.sendall(b"hello"); c.close()
        threading.Thread(target=loop, daemon=True).start()
        return s.getsockname()[1]
    def udp(ip):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((ip, 0))
        def loop():
            while True:
                m, a = s.recvfrom(100); s.sendto(m, a)
        threading.Thread(target=loop, daemon=True).start()
        return s.getsockname()[1]
    def unix(path, backlog=16, accept=True):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.chmod(os.path.dirname(path), 0o777)
        s = socket.socket(socket.AF_UNIX); s.bind(path); os.chmod(path, 0o777)
        s.listen(backlog)
        def loop():
            while True:
                c, _ = s.accept(); c.sendall(b"agent"); c.close()
        if accept:
            threading.Thread(target=loop, daemon=True).start()
        return s
    keep = [unix(d + "/agents/ok-1/agent.sock"), unix(d + "/agents/no-1/agent.sock"),
            unix(d + "/agents/ok-full/agent.sock", 0, False)]
    ports = [tcp("127.0.0.1"), tcp("127.0.0.2"), udp("127.0.0.1"), udp("127.0.0.2")]
    with open(d + "/ports.tmp", "w") as f:
        f.write(" ".join(map(str, ports)) + "\n")
    os.rename(d + "/ports.tmp", d + "/ports")
    signal.pause()

class Alarm(Exception):
    pass

def on_alarm(sig, frame):
    raise Alarm()

def client(d, checks):
    p1, p2, u1, u2 = map(int, open(d + "/ports").read().split())
    def tcp(ip, port):
        s = socket.create_connection((ip, port), timeout=5)
        return "OK" if s.recv(5) == b"hello" else "short"
    def udp(ip, port):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(5)
        s.sendto(b"ping", (ip, port))
        return "OK" if s.recv(10) == b"ping" else "short"
    def bind(ip):
        socket.socket().bind((ip, 0)); return "OK"
    def nonblock():
        s = socket.socket(); s.setblocking(False)
        e = s.connect_ex(("127.0.0.1", p1))
        if e not in (0, errno.EINPROGRESS):
            return errno.errorcode[e]
        select.select([], [s], [], 5)
        e = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        return "OK" if e == 0 else errno.errorcode[e]
    def unix(path):
        s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(path)
        return "OK" if s.recv(5) == b"agent" else "short"
    def unix_bind(path):
        os.umask(0o027)
        s = socket.socket(socket.AF_UNIX); s.bind(path)
        st = os.stat(path)
        return "OK mode %o uid %d name %s" % (st.st_mode & 0o777, st.st_uid,
                                             s.getsockname())
    def eintr():
        # The listener never accepts and queues at most one: a connect
        # blocks once one waits there (an earlier run's may still).
        path = d + "/agents/ok-full/agent.sock"
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        keep = []
        try:
            for _ in range(3):
                s = socket.socket(socket.AF_UNIX); s.connect(path)
                keep.append(s)
            return "connected"
        except Alarm:
            return "OK interrupted"
    def safe_bind():
        l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
        socket.create_connection(l.getsockname(), timeout=5)
        return "OK"
    def sendfd(path):
        a, b = socket.socketpair()
        f = open(path)
        socket.send_fds(a, [b"x"], [f.fileno()])
        m, fds, _, _ = socket.recv_fds(b, 1, 1)
        return "OK" if fds else "none"
    def sendfd_kind(fd):
        a, b = socket.socketpair()
        socket.send_fds(a, [b"x"], [fd])
        m, fds, _, _ = socket.recv_fds(b, 1, 1)
        return "OK" if fds else "none"
    table = {
        "tcp_ok": lambda: tcp("127.0.0.1", p1),
        "tcp_denied": lambda: tcp("127.0.0.2", p2),
        "udp_ok": lambda: udp("127.0.0.1", u1),
        "udp_denied": lambda: udp("127.0.0.2", u2),
        "bind_ok": lambda: bind("127.0.0.1"),
        "bind_denied": lambda: bind("127.0.0.3"),
        "nonblock": nonblock,
        "unix_ok": lambda: unix(d + "/agents/ok-1/agent.sock"),
        "unix_denied": lambda: unix(d + "/agents/no-1/agent.sock"),
        "unix_bind": lambda: unix_bind(d + "/w/s%d.sock" % os.getpid()),
        "unix_bind_denied": lambda: unix_bind(d + "/x%d.sock" % os.getpid()),
        "eintr": eintr,
        "safe_bind": safe_bind,
        "sendfd_ok": lambda: sendfd(d + "/w/f"),
        "sendfd_denied": lambda: sendfd(d + "/r/f"),
        # O_PATH fds of links: syd answers EOPNOTSUPP to making one
        # (ADDFD cannot pass it), so they come inherited (t-net.sh).
        "sendfd_symlink": lambda: sendfd_kind(int(os.environ["FD_LINK"])),
        "sendfd_magiclink": lambda: sendfd_kind(int(os.environ["FD_MAGIC"])),
        "sendfd_misc": lambda: sendfd_kind(os.eventfd(0)),
    }
    for c in checks:
        try:
            r = table[c]()
        except OSError as e:
            r = errno.errorcode.get(e.errno, str(e))
        print(c, r, flush=True)

if sys.argv[1] == "serve":
    serve(sys.argv[2])
else:
    client(sys.argv[2], sys.argv[3:])
