"""The runtime benchmark's figures as plain tables, with the default runtime's goals checked."""
from __future__ import annotations

from index.embedding import DEFAULT_RUNTIME

RATIO_TO = "torch"


def _row(label: str, values: dict[str, float], fmt: str, ratio: bool = False) -> str:
    cells = []
    for runtime, value in values.items():
        cell = format(value, fmt)
        if ratio and RATIO_TO in values and runtime != RATIO_TO and values[RATIO_TO]:
            cell += f" ({value / values[RATIO_TO]:.2f}x)"
        cells.append(f"{cell:>20}")
    return f"{label:<30}" + "".join(cells)


def _pick(section: dict, key: str) -> dict[str, float]:
    return {r: row[key] for r, row in section.items() if key in row}


def print_report(report: dict) -> None:
    """Metrics as rows, runtimes as columns; ratios are to torch in this same run."""
    runtimes = report["runtimes"]
    print(f"\nSQuAD v1.1 dev: {report['articles']} articles, {report['questions']} questions; "
          f"encode rates and cosines on {report['encode_passages']} passages")
    print(f"{'':<30}" + "".join(f"{r:>20}" for r in runtimes))
    enc, lat = report["encode"], report["latency"]
    print(_row("model load (s)", report["load_s"], ".2f"))
    print(_row("raw encode passages/s", _pick(enc, "passages_per_s"), ".1f", ratio=True))
    for key in ("cos_mean", "cos_p1", "cos_min"):
        if _pick(enc, key):
            print(_row(f"cosine to torch, {key[4:]}", _pick(enc, key), ".6f"))
    print(_row("ingest (add) chunks/s", _pick(report["ingest"], "chunks_per_s"), ".1f", ratio=True))
    for key in ("encode_p50_ms", "encode_p95_ms", "hybrid_p50_ms", "hybrid_p95_ms"):
        print(_row(key.replace("_ms", " (ms)").replace("_", " "), _pick(lat, key), ".2f", ratio=True))
    for mode in ("hybrid", "vector"):
        for k in (1, 5, 10):
            print(_row(f"{mode} recall@{k}", {r: report["recall"][r][mode][f"recall@{k}"] for r in runtimes}, ".3f"))
    for key in next(iter(report.get("answers", {"": {}}).values())):
        print(_row(key.replace("_", " "), _pick(report["answers"], key), ".3f"))
    if "cold" in report:
        cold = report["cold"]
        print(_row("cold ask: first answer (s)", _pick(cold, "first_answer_s"), ".2f", ratio=True))
        print(_row("cold ask: wall (s)", _pick(cold, "wall_s"), ".2f", ratio=True))
        print(_row("cold ask: peak RSS (MB)", _pick(cold, "peak_rss_mb"), ".0f", ratio=True))
        print(_row("import bot (s)", {r: cold[r]["imports"]["import_bot_s"] for r in runtimes}, ".2f"))
        print(f"{'torch imported by an ask':<30}" + "".join(f"{str(cold[r]['imports']['torch']):>20}"
                                                         for r in runtimes))
    txtai = report.get("txtai")
    if txtai and "ingest_per_s" in txtai:
        ours = report["ingest"].get(DEFAULT_RUNTIME, {})
        if "around_txtai_s" in ours:
            print(f"\nsame articles: {DEFAULT_RUNTIME} add {ours['chunks']} chunks in {ours['around_txtai_s']:.1f} s "
                  f"({ours['chunks_per_s_around_txtai']:.1f}/s, mean of the runs before and after txtai); "
                  f"txtai {txtai['passages']} paragraphs in {txtai['ingest_s']:.1f} s ({txtai['ingest_per_s']:.1f}/s)")
    elif txtai:
        print(f"\ntxtai: {txtai.get('skipped', 'no figures')}")
    if "embedded_text" in report:
        print_embedded_text(report["embedded_text"])
    if DEFAULT_RUNTIME in runtimes and RATIO_TO in runtimes:
        print_goals(report)


def print_embedded_text(variants: dict[str, dict]) -> None:
    """What the title line and the overlap cost in tokens and time, and bring in recall."""
    print(f"\nwhat is embedded ({DEFAULT_RUNTIME})  chunks   tokens  ingest s   "
          "hybrid r@1 r@5 r@10    vector r@1 r@5 r@10")
    for label, v in variants.items():
        h, vec = v["hybrid"], v["vector"]
        print(f"{label:<28}{v['chunks']:>7}{v['tokens']:>9}{v['ingest_s']:>10.1f}   "
              f"{h['recall@1']:.3f} {h['recall@5']:.3f} {h['recall@10']:.3f}   "
              f"{vec['recall@1']:.3f} {vec['recall@5']:.3f} {vec['recall@10']:.3f}")


def goals(report: dict) -> list[tuple[str, float, bool]]:
    """Each of the issue's goals for the default runtime: (what, figure, held)."""
    ours, ref = DEFAULT_RUNTIME, RATIO_TO
    out: list[tuple[str, float, bool]] = []
    for mode in ("hybrid", "vector"):
        for k in (1, 5):
            gap = abs(report["recall"][ours][mode][f"recall@{k}"] - report["recall"][ref][mode][f"recall@{k}"])
            out.append((f"{mode} recall@{k} within 0.005 of torch's", gap, gap <= 0.005))
    if "answers" in report:
        gap = max(abs(v - report["answers"][ref][k]) for k, v in report["answers"][ours].items())
        out.append(("answer metrics within 0.01 of torch's (largest gap)", gap, gap <= 0.01))
    lat = report["latency"]
    for key, bound in (("encode_p50_ms", 0.35), ("hybrid_p50_ms", 0.5)):
        ratio = lat[ours][key] / lat[ref][key]
        out.append((f"{key[:-3]} <= {bound}x torch's", ratio, ratio <= bound))
    ing, txtai = report["ingest"][ours], report.get("txtai", {})
    if "chunks_per_s_around_txtai" in ing and "ingest_per_s" in txtai:
        ratio = ing["chunks_per_s_around_txtai"] / txtai["ingest_per_s"]
        out.append(("ingest chunks/s >= 1.4x txtai's", ratio, ratio >= 1.4))
        ratio = txtai["ingest_s"] / ing["around_txtai_s"]
        out.append(("(same articles: txtai's seconds / ours)", ratio, ratio >= 1.4))
    if "cold" in report:
        cold = report["cold"]
        out.append(("cold ask first answer <= 4 s", cold[ours]["first_answer_s"], cold[ours]["first_answer_s"] <= 4))
        for key in ("wall_s", "peak_rss_mb"):
            ratio = cold[ours][key] / cold[ref][key]
            out.append((f"cold ask {key} <= 0.6x torch's", ratio, ratio <= 0.6))
    return out


def print_goals(report: dict) -> None:
    """The goals as a checklist."""
    print(f"\ngoals for the default runtime ({DEFAULT_RUNTIME}), from this run:")
    for what, figure, held in goals(report):
        print(f"  {'held  ' if held else 'MISSED'}  {what:<55}{figure:>8.3f}")
