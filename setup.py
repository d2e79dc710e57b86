"""Ship the top-level ``assets/`` folder inside the wheel as ``pacer/assets``.

Everything else lives in pyproject.toml; this one mapping cannot be said there together with
package discovery.
"""

from setuptools import find_namespace_packages, find_packages, setup

ASSET_PACKAGES = ["pacer.assets"] + [
    f"pacer.assets.{name}" for name in find_namespace_packages(where="assets")
]

setup(
    packages=[*find_packages(include=["pacer", "pacer.*"]), *ASSET_PACKAGES],
    package_dir={"pacer.assets": "assets"},
)
