# Sourced by scripts/bench and the Benchmarks/*.sh halves: what each needs to start a server of its
# own on 127.0.0.1 and know when it answers.

# A port nothing listens on now.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_for URL [SECONDS]: prints how many seconds URL took to answer with success, asking every
# 10 ms; fails after SECONDS (120 unless given).
wait_for() {
    python3 - "$1" "${2:-120}" <<'PY'
import sys, time, urllib.request
url, limit = sys.argv[1], float(sys.argv[2])
start = time.perf_counter()
while time.perf_counter() - start < limit:
    try:
        urllib.request.urlopen(url, timeout=1).read()
        print(f"{time.perf_counter() - start:.3f}")
        sys.exit(0)
    except Exception:
        time.sleep(0.01)
sys.exit(f"{url} did not answer within {sys.argv[2]} s")
PY
}
