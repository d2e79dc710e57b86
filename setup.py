"""Ship the top-level ``assets/`` folder inside the wheel as ``pacer/assets``.

Everything else lives in pyproject.toml; this one mapping cannot be said there together with
package discovery.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pacer", "pacer.*"]), "pacer.assets"],
    package_dir={"pacer.assets": "assets"},
)
