"""Dynamics: the Gottman–Murray difference-equation model fitted to conflict episodes.

Each message gets a valence: the sum of its codes' valence weights (config.load_valence), clipped
to [-1, 1]; a turn's valence is the mean over its messages. Inside each conflict episode turns
alternate, and for partner X the model is, with a linear influence function,

    X[t] = c + r * X[t-2] + i * Y[t-1] + noise

where X[t-2] is X's previous turn and Y[t-1] the partner's turn in between. It is fitted by
ordinary least squares over all such triples of all conflict episodes. ``r`` is X's *emotional
inertia*, ``i`` the *influence* of the partner on X, and the *uninfluenced set point*
c / (1 - r) is where X's tone would settle without the partner. Intervals: percentile bootstrap
over conflict episodes.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from holdspace.coding.codes import CODES
from holdspace.measure.config import load_valence
from holdspace.measure.episodes import EpisodeMarks
from holdspace.measure.frame import Frame
from holdspace.measure.stats import Boot, percentile_interval

__all__ = ["dynamics_json", "fit_difference_model", "turn_valence"]

MIN_ROWS: Final[int] = 10
_PARAMETERS: Final[tuple[str, ...]] = ("constant", "inertia", "influence")


def turn_valence(frame: Frame) -> NDArray[np.float64]:
    """Valence of every turn: mean over its messages of the clipped sum of code weights."""
    _, weights = load_valence()
    vector = np.array([weights[code] for code in CODES])
    per_message = np.clip(frame.labels.astype(float) @ vector, -1.0, 1.0)
    if len(frame) == 0:
        return np.zeros(0)
    sums = np.add.reduceat(per_message, frame.turns.start)
    return np.asarray(sums / frame.turns.size, dtype=float)


def _sufficient(
    rows: NDArray[np.float64], target: NDArray[np.float64], groups: NDArray[np.int64], count: int
) -> NDArray[np.float64]:
    """Per group sums of the 9 entries of f f^T and the 3 of f y: ``(count, 12)``."""
    columns = [
        np.bincount(groups, weights=rows[:, i] * rows[:, j], minlength=count)
        for i in range(3)
        for j in range(3)
    ]
    columns += [np.bincount(groups, weights=rows[:, i] * target, minlength=count) for i in range(3)]
    return np.stack(columns, axis=1)


def _solve(stats: NDArray[np.float64]) -> NDArray[np.float64]:
    """Least-squares parameters from summed sufficient statistics ``(..., 12)`` -> ``(..., 3)``."""
    gram = stats[..., :9].reshape(*stats.shape[:-1], 3, 3)
    moment = stats[..., 9:]
    return np.asarray(np.einsum("...ij,...j->...i", np.linalg.pinv(gram), moment), dtype=float)


def fit_difference_model(
    own: NDArray[np.float64], own_previous: NDArray[np.float64], other_previous: NDArray[np.float64]
) -> tuple[float, float, float]:
    """``(constant, inertia, influence)`` of ``own = c + r * own_previous + i * other_previous``."""
    rows = np.column_stack([np.ones_like(own), own_previous, other_previous])
    stats = _sufficient(rows, own, np.zeros(own.size, dtype=np.int64), 1)[0]
    constant, inertia, influence = _solve(stats)
    return float(constant), float(inertia), float(influence)


def _set_point(params: NDArray[np.float64]) -> NDArray[np.float64]:
    with np.errstate(invalid="ignore", divide="ignore"):
        value = params[..., 0] / (1.0 - params[..., 1])
    return np.asarray(np.where(np.abs(params[..., 1]) < 1.0, value, np.nan), dtype=float)


def dynamics_json(frame: Frame, marks: EpisodeMarks, boot: Boot) -> dict[str, Any]:
    """Per-partner inertia, influence and set point with bootstrap intervals and plain words."""
    source, _ = load_valence()
    turns = frame.turns
    valence = turn_valence(frame)
    episodes = frame.n_episodes
    result: dict[str, Any] = {
        "model": "X[t] = c + r*X[t-2] + i*Y[t-1] (linear influence), least squares",
        "valence_weights": source,
        "interval_method": f"percentile bootstrap over episodes, {boot.size} resamples",
        "partners": {},
    }
    count = len(turns)
    if count < 3 or not episodes:
        index = np.zeros(0, dtype=np.int64)
    else:
        index = np.arange(2, count)
        same = (turns.episode[index] == turns.episode[index - 2]) & marks.conflict[
            turns.episode[index]
        ]
        index = index[same]
    for who, name in enumerate(frame.partners):
        other = frame.partners[1 - who]
        rows = index[turns.speaker[index] == who]
        if rows.size < MIN_ROWS:
            result["partners"][name] = {
                "inertia": None,
                "influence": None,
                "set_point": None,
                "n": int(rows.size),
                "note": (f"not enough turns in conflicts to fit ({rows.size}, {MIN_ROWS} needed)"),
            }
            continue
        design = np.column_stack([np.ones(rows.size), valence[rows - 2], valence[rows - 1]])
        stats = _sufficient(design, valence[rows], turns.episode[rows], episodes)
        params = _solve(stats.sum(axis=0))
        point = _set_point(params)
        intervals: dict[str, Any] = {}
        if boot.size:
            resampled = _solve(boot.totals(stats))
            intervals = {
                "inertia": percentile_interval(resampled[:, 1]),
                "influence": percentile_interval(resampled[:, 2]),
                "set_point": percentile_interval(_set_point(resampled)),
            }
        inertia, influence = round(float(params[1]), 4), round(float(params[2]), 4)
        set_point = None if not np.isfinite(point) else round(float(point), 4)
        result["partners"][name] = {
            "inertia": inertia,
            "influence": influence,
            "set_point": set_point,
            "constant": round(float(params[0]), 4),
            "intervals": intervals,
            "n": int(rows.size),
            "meaning": _meaning(name, other, inertia, influence, set_point),
        }
    return result


def _meaning(
    name: str, other: str, inertia: float, influence: float, set_point: float | None
) -> str:
    carry = "carries over strongly" if inertia >= 0.5 else "carries over a little"
    if influence >= 0.1:
        pull = f"warms when {other} is warmer and sours when {other} is harsher"
    elif influence <= -0.1:
        pull = f"tends to move against {other}'s tone"
    else:
        pull = f"is little moved by {other}'s last message"
    settle = (
        ""
        if set_point is None
        else f" Left alone, {name}'s tone in conflicts would settle near {set_point:+.2f} "
        "(on a -1 to +1 scale)."
    )
    return f"In conflicts, {name}'s tone {carry} from one message to the next and {pull}.{settle}"
