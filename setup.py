"""Builds revolve._core with the project's own CMake build (Release, no tests) for `pip install .`.

The version is the one in CMakeLists.txt, so the wheel and `revolve.__version__` agree. The CMake build lives in
build-pip/ and is reused by the next install, which then only rebuilds what changed.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = pathlib.Path(__file__).resolve().parent
CMAKE_BUILD = ROOT / "build-pip" / "cmake"


def project_version():
    return re.search(r"project\(revolve VERSION ([\d.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeBuild(build_ext):
    """Configure and build the `_core` target, then copy the module to where setuptools expects it."""

    def build_extension(self, ext):
        configure = ["cmake", "-S", str(ROOT), "-B", str(CMAKE_BUILD), "-DCMAKE_BUILD_TYPE=Release",
                     "-DREVOLVE_BUILD_TESTS=OFF", "-DREVOLVE_BUILD_PYTHON=ON", f"-DPython_EXECUTABLE={sys.executable}"]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        subprocess.run(configure, check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.run(["cmake", "--build", str(CMAKE_BUILD), "--target", "_core", "--parallel", jobs], check=True)
        built = CMAKE_BUILD / "python" / "revolve" / pathlib.Path(self.get_ext_filename(ext.name)).name
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


class BuildPyWithModels(build_py):
    """Ship each model's files (the YAML beside its parameters.yaml: parameters, system) inside the package, so
    revolve.parameters("<model>") and scenarios of that model run anywhere, not only beside the source tree."""

    def run(self):
        super().run()
        for model in sorted(path.parent for path in ROOT.glob("models/*/parameters.yaml")):
            for source in sorted(model.glob("*.yaml")):
                target = pathlib.Path(self.build_lib) / "revolve" / "models" / model.name / source.name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


setup(
    version=project_version(),
    packages=["revolve"],
    package_dir={"": "bindings"},
    package_data={"revolve": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("revolve._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild, "build_py": BuildPyWithModels},
    options={"build": {"build_base": str(ROOT / "build-pip")}},
    zip_safe=False,
)
