"""The portal's settings with one page more, for scripts/benchmark only: a bare signed-in
view to measure the portal's pages against (benchmark_urls). Never used in production."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmark_urls"
