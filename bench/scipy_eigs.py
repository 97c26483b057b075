"""The SciPy side of bench/reservoir.sh: time to rho by scipy.sparse.linalg.eigs(k=1, which="LM"),
ReservoirPy's way, one run per file; 'fail' when ARPACK raises (no convergence). With --truth,
also LAPACK's dense rho (numpy.linalg.eigvals) for checking both solvers."""
import sys
import time
import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as sla

truth = "--truth" in sys.argv
for f in [a for a in sys.argv[1:] if not a.startswith("--")]:
    w = sp.load_npz(f)
    t = time.perf_counter()
    try:
        rho = float(np.abs(sla.eigs(w, k=1, which="LM", return_eigenvectors=False)).max())
        status = "ok"
    except sla.ArpackNoConvergence:
        rho, status = float("nan"), "fail"
    seconds = time.perf_counter() - t
    dense = float(np.abs(np.linalg.eigvals(w.toarray())).max()) if truth else float("nan")
    print(f"{f.rsplit('/', 1)[-1]} {seconds:.4f} {rho:.17g} {status} {dense:.17g}", flush=True)
