"""Writes the reservoirs of bench/reservoir.sh as scipy.sparse.save_npz files (seeded), the way a
ReservoirPy user draws one: each entry present with probability p, N(0, 1) values, W scaled by
1/sqrt(p n) so that rho is about 1."""
import sys
import numpy as np
import scipy.sparse as sp


def reservoir(n, p, seed):
    rng = np.random.default_rng(seed)
    w = sp.random(n, n, density=p, format="csr", random_state=rng, data_rvs=rng.standard_normal)
    return (w * (1 / np.sqrt(p * n))).tocsr()


if __name__ == "__main__":
    out, many = sys.argv[1], int(sys.argv[2])
    sp.save_npz(f"{out}/n1e4-10.npz", reservoir(10_000, 1e-3, 1))
    sp.save_npz(f"{out}/n1e5-10.npz", reservoir(100_000, 1e-4, 2))
    sp.save_npz(f"{out}/n1e4-d05.npz", reservoir(10_000, 0.05, 3))
    for i in range(many):
        sp.save_npz(f"{out}/many-{i:03d}.npz", reservoir(10_000, 1e-3, 1000 + i))
    for i in range(many):
        sp.save_npz(f"{out}/small-{i:03d}.npz", reservoir(1_000, 1e-2, 5000 + i))
