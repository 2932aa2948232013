"""Reads the report `/usr/bin/time -v -o FILE` writes: the benchmark scripts time whole commands
with it, and compare wall clock and peak memory.
"""
import re


def timing(path):
    """{"seconds": wall clock, "peak_rss_mib": maximum resident set} from one report."""
    text = open(path).read()
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = 0.0
    for part in clock.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return {"seconds": seconds, "peak_rss_mib": rss / 1024}
