"""``revolve report DIR`` on a ``revolve sensitivity`` folder: which uncertain parameters move an outcome most.

Two figures and a table on one self-contained page (the figures are inlined as SVG, so it works offline):
a tornado of the headline index, sorted (Morris mu*, or Sobol's total order), and, for Sobol, each
parameter's first- and total-order shares side by side. Every bar carries its 95% bootstrap interval.

Example:
    >>> from viz.sensitivity import write_report
    >>> write_report("out/sensitivity")  # doctest: +SKIP
    PosixPath('out/sensitivity/report.html')
"""
from __future__ import annotations

import html
import io
import json
import os
import pathlib
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from revolve.output import check_file, output_folder, write_text  # noqa: E402

from . import figures  # noqa: E402
from .data import DataError  # noqa: E402
from .report import GENERATOR  # noqa: E402

#: Parameters shown in a figure, largest first; the table lists them all.
MOST = 20
HEADLINE = {"morris": "mu_star", "sobol": "total"}
INDEX_WORDS = {"mu_star": "mu* (mean absolute effect)", "mu": "mu (mean signed effect)",
               "sigma": "sigma (spread of effects)", "first": "first order (alone)",
               "total": "total order (with interactions)"}


@dataclass
class Sensitivity:
    """A sensitivity folder: its indices (tidy), design and manifest."""
    folder: pathlib.Path
    indices: pd.DataFrame
    manifest: dict

    @classmethod
    def load(cls, folder: str | os.PathLike) -> "Sensitivity":
        """Read ``sensitivity.csv`` and ``manifest.json``; DataError names a file that is missing or malformed.

        Example:
            >>> Sensitivity.load("out/sensitivity").method  # doctest: +SKIP
            'morris'
        """
        folder = pathlib.Path(folder)
        try:
            indices = pd.read_csv(folder / "sensitivity.csv")
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise DataError(f"{folder}: not a readable revolve sensitivity folder ({e})") from e
        missing = {"parameter", "index", "estimate", "low", "high"} - set(indices.columns)
        if missing or manifest.get("method") not in HEADLINE:
            raise DataError(f"{folder / 'sensitivity.csv'}: missing columns {sorted(missing)} or an unknown method")
        return cls(folder, indices, manifest)

    @property
    def method(self) -> str:
        return self.manifest["method"]

    def index(self, name: str) -> pd.DataFrame:
        """One index for every parameter, largest estimate first (ties in file order)."""
        rows = self.indices[self.indices["index"] == name]
        return rows.sort_values("estimate", ascending=False, kind="stable").reset_index(drop=True)

    def outcome(self) -> str:
        m = self.manifest
        compared = len(m.get("scenarios", [])) == 2
        return f"{m['measure']}" + (" (scenario minus baseline)" if compared else "")


def _whiskers(ax, values: pd.DataFrame, at: np.ndarray) -> None:
    ax.errorbar(values["estimate"], at, xerr=[values["estimate"] - values["low"], values["high"] - values["estimate"]],
                fmt="none", ecolor="#333333", elinewidth=1.5, capsize=4)


def tornado(s: Sensitivity) -> Figure:
    """The headline index of the most influential parameters, sorted, with 95% intervals.

    Example:
        >>> fig = tornado(Sensitivity.load("out/sensitivity"))  # doctest: +SKIP
    """
    name = HEADLINE[s.method]
    top = s.index(name).head(MOST)
    at = np.arange(len(top))[::-1]
    with plt.rc_context(figures.STYLE):
        fig, ax = plt.subplots(figsize=(13, 1.2 + 0.42 * len(top)), layout="constrained")
        ax.barh(at, top["estimate"], color=figures.PALETTE[0], height=0.65)
        _whiskers(ax, top, at)
        ax.set_yticks(at, top["parameter"])
        ax.set_xlabel(INDEX_WORDS[name] + (" in outcome units" if s.method == "morris" else ": share of variance"))
        ax.axvline(0, color="black", linewidth=1)
        fig.suptitle(f"What moves {s.outcome()} most ({s.method})", x=0.01, ha="left")
    return fig


def sobol_bars(s: Sensitivity) -> Figure:
    """First- and total-order Sobol indices side by side for the parameters with the largest total order.

    Example:
        >>> fig = sobol_bars(Sensitivity.load("out/sobol"))  # doctest: +SKIP
    """
    total = s.index("total").head(MOST)
    first = s.indices[s.indices["index"] == "first"].set_index("parameter").loc[total["parameter"]].reset_index()
    at = np.arange(len(total))[::-1]
    with plt.rc_context(figures.STYLE):
        fig, ax = plt.subplots(figsize=(13, 1.5 + 0.6 * len(total)), layout="constrained")
        for values, offset, colour, label in ((first, 0.2, figures.PALETTE[1], INDEX_WORDS["first"]),
                                              (total, -0.2, figures.PALETTE[0], INDEX_WORDS["total"])):
            ax.barh(at + offset, values["estimate"], height=0.38, color=colour, label=label)
            _whiskers(ax, values, at + offset)
        ax.set_yticks(at, total["parameter"])
        ax.set_xlabel("share of the outcome's variance")
        ax.axvline(0, color="black", linewidth=1)
        ax.legend(loc="lower right")
        fig.suptitle(f"Alone and with interactions: {s.outcome()}", x=0.01, ha="left")
    return fig


def plans(s: Sensitivity) -> dict:
    """The figures of a sensitivity folder, not yet drawn, by file name."""
    out = {"sensitivity_tornado": lambda: tornado(s)}
    if s.method == "sobol":
        out["sensitivity_sobol"] = lambda: sobol_bars(s)
    return out


def _svg(fig: Figure) -> str:
    text = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none"}):
        fig.savefig(text, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = text.getvalue()
    return svg[svg.index("<svg"):]  # inline: without the XML declaration and doctype


def _table(s: Sensitivity) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("parameter", "index", "estimate", "95% interval"))
    rows = []
    for name in HEADLINE[s.method], *[i for i in s.indices["index"].unique() if i != HEADLINE[s.method]]:
        for _, r in s.index(name).iterrows():
            rows.append(f"<tr><td>{html.escape(r['parameter'])}</td><td>{INDEX_WORDS.get(name, name)}</td>"
                        f"<td>{r['estimate']:.4g}</td><td>{r['low']:.4g} to {r['high']:.4g}</td></tr>")
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _reading(s: Sensitivity) -> str:
    m = s.manifest
    runs = f"{m['design_rows']} parameter sets, each run {m['runs_per_row']} time(s) with the same random numbers"
    if s.method == "morris":
        how = ("Morris screening moves one parameter at a time across its stated range. <strong>mu*</strong> is the "
               "mean size of the change in the outcome (per unit of the parameter's probability scale: a move from "
               "one quarter of its range to three quarters counts 0.5); a large <strong>sigma</strong> says the "
               "effect depends on where the other parameters are (non-linear, or interacting).")
    else:
        how = ("Sobol indices split the outcome's variance: the <strong>first order</strong> share is what a "
               "parameter explains alone, the <strong>total order</strong> adds its interactions with the others. "
               "A parameter with a total order near 0 can be fixed at any value in its range.")
    headline = s.index(HEADLINE[s.method])
    wide = s.method == "sobol" and (headline["high"] - headline["low"]).max() > 0.5
    more = " The intervals are wide: more <code>--samples</code> would narrow them." if wide else ""
    return (f"<p>{how}</p><p>{runs}; bars show 95% bootstrap intervals.{more} The parameters vary over their "
            "stated uncertainty (see the model's parameter tables); a learning aid about the model, never a "
            "forecast.</p>")


def render(s: Sensitivity, title: str | None = None) -> str:
    """The page's HTML (a string: style and figures inlined)."""
    title = title or f"Sensitivity of {s.outcome()}"
    drawn = []
    for name, draw in plans(s).items():
        fig = draw()
        drawn.append(f'<figure id="{name}">{_svg(fig)}</figure>')
        plt.close(fig)
    style = (pathlib.Path(__file__).resolve().parent / "assets" / "style.css").read_text(encoding="utf-8")
    command = html.escape(s.manifest.get("command", ""))
    return (f'<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n{GENERATOR}\n<title>'
            f"{html.escape(title)}"
            f"</title>\n<style>\n{style}\nfigure svg {{ max-width: 100%; height: auto; }}\n</style>\n</head>\n<body>\n"
            f'<header><p class="banner">A learning aid about the model, never a forecast or a target.</p>'
            f"<h1>{html.escape(title)}</h1></header>\n<main>\n<section id=\"read\"><h2>How to read this</h2>"
            f"{_reading(s)}</section>\n<section id=\"figures\"><h2>Figures</h2>{''.join(drawn)}</section>\n"
            f"<section id=\"indices\"><h2>Every index</h2>{_table(s)}</section>\n<section id=\"reproduce\">"
            f"<h2>Reproduce</h2><p><code>{command}</code> (seed {s.manifest['seed']}, code "
            f"{html.escape(str(s.manifest.get('code_version', '')))})</p></section>\n</main>\n</body>\n</html>\n")


def write_report(folder: str | os.PathLike, out: str | os.PathLike | None = None, figures: bool = True,
                 title: str | None = None, force: bool = False) -> pathlib.Path:
    """Write ``report.html`` for a sensitivity folder, and (``figures``) its figures as PNG and SVG in ``figures/``.

    Replaces files as ``viz.report.write_report`` does: a page or figures folder only if revolve wrote it,
    unless ``force``, and each in full or not at all.

    Example:
        >>> write_report("out/sensitivity", figures=False)  # doctest: +SKIP
        PosixPath('out/sensitivity/report.html')
    """
    s = Sensitivity.load(folder)
    out = pathlib.Path(out) if out else s.folder / "report.html"
    check_file(out, GENERATOR, force)
    if figures:
        from . import figures as static
        with output_folder(out.parent / "figures", force) as aside:
            for name, draw in plans(s).items():
                fig = draw()
                for suffix in (".png", ".svg"):
                    static.save(fig, aside / f"{name}{suffix}")
                plt.close(fig)
    write_text(out, render(s, title), GENERATOR, force)
    return out
