"""The site's production settings, with static files collected into the benchmark's own
temporary folder (so a benchmark never touches the project's staticfiles/)."""

import os

from careerportal.settings import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
