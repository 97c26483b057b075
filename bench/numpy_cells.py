#!/usr/bin/env python3
"""The sweep of bench/time_to_result.sh as a user would write it in numpy: one process, per matrix
of a cell (rho, activation) the eigenvalues, radius scaling to rho, sigma_1, and then only what the
cell's statistic needs: for a linear cell the growth of a unit g over T steps of W^T, for a tanh
cell T steps forward and back-propagation to g_0 (rates kept in log space); per cell the mean and
the fractions exploded / vanished at E = 1e6, printed at the end.

Usage: numpy_cells.py N TRIALS_PER_CELL T SCALES ACTIVATIONS   e.g. 64 400 100 0.9,1.0,1.1 linear,tanh
Prints one line per cell, then: matrices seconds (after the imports)
"""
import sys, time
import numpy as np

n, trials, T = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
scales = [float(s) for s in sys.argv[4].split(",")]
activations = sys.argv[5].split(",")
rng = np.random.default_rng(11)
count = 0
t0 = time.perf_counter()
for rho in scales:
    for activation in activations:
        logs = []
        for _ in range(trials):
            w = rng.standard_normal((n, n)) / np.sqrt(n)
            w *= rho / np.max(np.abs(np.linalg.eigvals(w)))        # radius scaling
            ev = np.linalg.eigvals(w)                                # the spectrum of the scaled matrix
            sigma1 = np.linalg.norm(w, 2)
            g = rng.standard_normal(n); g /= np.linalg.norm(g)
            log_r = 0.0
            if activation == "linear":                               # growth under B = W^T
                x = g.copy()
                for _ in range(T):
                    x = w.T @ x
                    c = np.linalg.norm(x); log_r += np.log(c); x /= c
            else:
                h = rng.standard_normal(n); d = []
                for _ in range(T):                                   # tanh forward
                    pre = w @ h; h = np.tanh(pre); d.append(1 / np.cosh(pre) ** 2)
                y = g.copy()
                for dt in reversed(d):                               # back-propagation
                    y = w.T @ (dt * y)
                    c = np.linalg.norm(y); log_r += np.log(c); y /= c
            logs.append(log_r)
            count += 1
        logs = np.array(logs)
        print(f"rho={rho} {activation}: mean log ratio {logs.mean():.4f}, exploded {np.mean(logs > np.log(1e6)):.3f}, "
              f"vanished {np.mean(logs < -np.log(1e6)):.3f}")
print(count, round(time.perf_counter() - t0, 3))
