#!/usr/bin/env python3
"""The sweep a user would write in numpy instead: one process, per matrix the spectrum
(eigenvalues, radius scaling, sigma_1), the linear growth of a unit g over T steps of W^T, and the
tanh gradient ratio (T steps forward, back-propagation to g_0), rates kept in log space.

Usage: numpy_sweep.py N TRIALS_PER_CELL [T=100]   (cells: rho in {0.9, 1.0, 1.1} x {linear, tanh})
Prints: N matrices seconds matrices_per_second
"""
import sys, time
import numpy as np

n, trials = int(sys.argv[1]), int(sys.argv[2])
T = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = np.random.default_rng(11)
count = 0
t0 = time.perf_counter()
for rho in (0.9, 1.0, 1.1):
    for activation in ("linear", "tanh"):
        for _ in range(trials):
            w = rng.standard_normal((n, n)) / np.sqrt(n)
            w *= rho / np.max(np.abs(np.linalg.eigvals(w)))        # radius scaling
            ev = np.linalg.eigvals(w)                                # the spectrum of the scaled matrix
            sigma1 = np.linalg.norm(w, 2)
            g = rng.standard_normal(n); g /= np.linalg.norm(g)
            x, log_a = g.copy(), 0.0
            for _ in range(T):                                       # linear growth under B = W^T
                x = w.T @ x
                c = np.linalg.norm(x); log_a += np.log(c); x /= c
            h = rng.standard_normal(n); d = []
            for _ in range(T):                                       # tanh forward
                pre = w @ h; h = np.tanh(pre); d.append(1 / np.cosh(pre) ** 2)
            y, log_q = g.copy(), 0.0
            for dt in reversed(d):                                   # back-propagation
                y = w.T @ (dt * y)
                c = np.linalg.norm(y); log_q += np.log(c); y /= c
            count += 1
seconds = time.perf_counter() - t0
print(n, count, round(seconds, 3), round(count / seconds, 1))
