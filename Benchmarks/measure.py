#!/usr/bin/env python3
"""Runs a command and reports its wall time and peak resident memory as JSON.

    measure.py OUT.json -- COMMAND [ARG ...]
The command's own output goes to OUT.json's neighbour OUT.log.
"""
import json
import resource
import subprocess
import sys
import time


def main():
    out, separator, *command = sys.argv[1:]
    assert separator == "--", __doc__
    started = time.perf_counter()
    with open(out.removesuffix(".json") + ".log", "w") as log:
        status = subprocess.call(command, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "w") as result:
        json.dump({"seconds": elapsed, "peak_rss_mib": peak_kib / 1024, "status": status}, result)
    return status


if __name__ == "__main__":
    sys.exit(main())
