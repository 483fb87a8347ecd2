# Writes numpy-statistics.npz, statistics as pytorch-fid's np.savez or clean-fid's np.savez_compressed leave
# them (here compressed, sigma in float32), for FeatureStatisticsFileTests.
# Run: /usr/bin/python3 make_numpy_statistics.py (Debian's python3-numpy).
import numpy as np

mu = np.array([1.0, -2.0, 0.5])
sigma = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, 0.25], [0.0, 0.25, 3.0]], dtype=np.float32)
np.savez_compressed("numpy-statistics.npz", mu=mu, sigma=sigma)
