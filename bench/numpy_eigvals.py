#!/usr/bin/env python3
"""numpy.linalg.eigvals on the benchmark matrices: median CPU time per matrix, one thread.

Usage: numpy_eigvals.py DIR N [N ...]   (DIR holds bench-N.npy written by BenchMatrices)
Prints one line per N:  N  median_ms  max_abs_rho_difference_check
"""
import sys, time
import numpy as np

d = sys.argv[1]
for n in map(int, sys.argv[2:]):
    w = np.load(f"{d}/bench-{n}.npy")
    reps = max(3, min(200, int(2e8 / n**3)))
    times = []
    for _ in range(reps):
        t0 = time.process_time()
        ev = np.linalg.eigvals(w)
        times.append(time.process_time() - t0)
    times.sort()
    print(n, 1e3 * times[len(times) // 2], float(np.max(np.abs(ev))))
