"""Put this directory on PYTHONPATH to make every Python process behave as if matplotlib were not
installed: check_sweep.py's no_matplotlib check runs the sweep so, and
hardening_sweep_real_fails_without_matplotlib (the checker and the sweep alike) shows that a missing
test dependency fails the check instead of skipping it."""
import sys


class _HideMatplotlib:
    def find_spec(self, name, path=None, target=None):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError("matplotlib hidden by tests/sweep/hide_matplotlib")
        return None


sys.meta_path.insert(0, _HideMatplotlib())
