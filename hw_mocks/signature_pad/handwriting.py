"""Synthetic handwriting for the emulated pad: sigma-lognormal strokes, as a hand really moves.

The kinematic theory of rapid movements (Plamondon, "A kinematic theory of rapid human movements", Biol.
Cybern. 1995; O'Reilly & Plamondon, "Development of a Sigma-Lognormal representation for on-line
signatures", Pattern Recognition 2009) models pen velocity as a sum of overlapping lognormal pulses, each
sweeping its direction along a circle arc. Summing a few dozen of them gives the speed profile, the
curvature and the timing of a real signature: fast in the straight parts, slow in the loops, with pressure
easing off as the pen speeds up. Each simulated person (a seed) signs the same way with small variations.

Points are pad units (x right, y down), pressure 1..max while the pen touches, t in ms from the first point.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

STEP_MS = 5  # 200 Hz, the pad's rate

Point = tuple[int, int, int, int]  # x, y, pressure, t_ms
Stroke = list[Point]


@dataclass(frozen=True)
class Component:
    """One lognormal velocity pulse: amplitude D (units), start t0 (s), mu/sigma (log-time), arc angles."""

    d: float
    t0: float
    mu: float
    sigma: float
    theta_s: float
    theta_e: float


def _velocity(components: list[Component], t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    vx, vy = np.zeros_like(t), np.zeros_like(t)
    for c in components:
        dt = np.clip(t - c.t0, 1e-9, None)
        z = (np.log(dt) - c.mu) / c.sigma
        speed = np.where(t > c.t0, c.d / (c.sigma * math.sqrt(2 * math.pi) * dt) * np.exp(-0.5 * z * z), 0.0)
        cdf = 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))
        angle = c.theta_s + (c.theta_e - c.theta_s) * cdf
        vx += speed * np.cos(angle)
        vy += speed * np.sin(angle)
    return vx, vy


def _trajectory(components: list[Component]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (math axes: y up) and speed sampled every STEP_MS until the last pulse has died out."""
    end = max(c.t0 + math.exp(c.mu + 3 * c.sigma) for c in components)
    t = np.arange(0.0, end, STEP_MS / 1000)
    vx, vy = _velocity(components, t)
    x = np.cumsum(vx) * STEP_MS / 1000
    y = np.cumsum(vy) * STEP_MS / 1000
    return x, y, np.hypot(vx, vy)


def _cursive(rng: np.random.Generator, pulses: int) -> list[Component]:
    """Up and down strokes slanted to the right, each curving: joined-up letters drifting rightwards."""
    out, t0 = [], 0.0
    for k in range(pulses):
        up = k % 2 == 0
        base = math.radians(rng.uniform(45, 62) if up else rng.uniform(-108, -92))
        # Arcades and garlands: rising strokes turn clockwise, falling ones anticlockwise (now and then the
        # other way, which closes a loop).
        bend = rng.uniform(0.3, 1.0) * (-1 if up else 1) * rng.choice([1, -1], p=[0.75, 0.25])
        out.append(Component(d=rng.uniform(700, 1300), t0=t0, mu=rng.uniform(-2.1, -1.9), sigma=rng.uniform(0.25, 0.35),
                             theta_s=base, theta_e=base + bend))
        t0 += rng.uniform(0.11, 0.16)
    # Keep the line level: scale the rising strokes so they climb what the falling ones descend (an arc's
    # chord points along the mean of its start and end directions).
    rise = sum(c.d * math.sin((c.theta_s + c.theta_e) / 2) for c in out[::2])
    fall = sum(c.d * math.sin((c.theta_s + c.theta_e) / 2) for c in out[1::2])
    k = -fall / rise if rise > 0 else 1.0
    return [Component(c.d * k, c.t0, c.mu, c.sigma, c.theta_s, c.theta_e) if i % 2 == 0 else c
            for i, c in enumerate(out)]


def _paraphe(rng: np.random.Generator) -> list[Component]:
    """The long underline with a hook back, typical of French signatures."""
    a = math.radians(rng.uniform(-8, 4))
    return [Component(d=rng.uniform(2500, 3500), t0=0.0, mu=rng.uniform(-1.0, -0.8), sigma=0.25,
                      theta_s=a, theta_e=a - rng.uniform(0.1, 0.3)),
            Component(d=rng.uniform(500, 900), t0=0.35, mu=-1.7, sigma=0.25, theta_s=math.radians(150),
                      theta_e=math.radians(200))]


def _pressure(rng: np.random.Generator, speed: np.ndarray, max_pressure: int) -> np.ndarray:
    """Heavier when slow, lighter when fast; a short ramp at touch-down and lift-off."""
    n = len(speed)
    base = rng.uniform(0.55, 0.75)
    relief = 0.35 * speed / max(float(speed.max()), 1e-9)
    ramp = np.minimum(1.0, np.minimum(np.arange(n) + 1, n - np.arange(n)) / 6)
    noise = rng.normal(0, 0.02, n)
    return np.clip((base - relief + noise) * ramp * max_pressure, 1, max_pressure).round()


def signature(seed: int, box: tuple[int, int, int, int], max_pressure: int) -> list[Stroke]:
    """A person's signature (the seed is the person), fitted in the middle of the signing box."""
    person = np.random.default_rng(seed)
    # The shape belongs to the person; this capture's own small variations come from a second draw.
    shapes = [_cursive(person, int(person.integers(14, 22))), _cursive(person, int(person.integers(6, 10))),
              _paraphe(person)]
    rng = np.random.default_rng(seed * 7919 + 1)
    raw: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for i, comps in enumerate(shapes):
        comps = [Component(c.d * rng.uniform(0.97, 1.03), c.t0, c.mu, c.sigma, c.theta_s + rng.normal(0, 0.03),
                           c.theta_e + rng.normal(0, 0.03)) for c in comps]
        if i == 2:  # the underline spans most of the name
            width = float(max(s[0].max() for s in raw) - raw[0][0].min())
            comps[0] = Component(width * rng.uniform(0.75, 0.9), *list(vars(comps[0]).values())[1:])
        x, y, speed = _trajectory(comps)
        if i == 1:  # the second word, after a gap on the same line
            x, y = x + raw[0][0][-1] + rng.uniform(250, 450), y + raw[0][1][-1] + rng.uniform(-150, 150)
        elif i == 2:  # under the name
            low = float(min(s[1].min() for s in raw))
            x, y = x + raw[0][0].min() + rng.uniform(0, 300), y + low - rng.uniform(250, 450)
        raw.append((x, y, speed))
    return _fit(raw, box, max_pressure, rng)


def _fit(raw: list[tuple[np.ndarray, np.ndarray, np.ndarray]], box: tuple[int, int, int, int], max_pressure: int,
         rng: np.random.Generator) -> list[Stroke]:
    xs = np.concatenate([s[0] for s in raw])
    ys = -np.concatenate([s[1] for s in raw])  # math axes to the pad's (y down)
    x0, y0, x1, y1 = box
    span = np.array([xs.max() - xs.min(), ys.max() - ys.min()])
    scale = min(0.7 * (x1 - x0) / span[0], 0.7 * (y1 - y0) / span[1])
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    mx, my = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    strokes, t = [], 0
    for x, y, speed in raw:
        px = np.round(cx + (x - mx) * scale).astype(int)
        py = np.round(cy + (-y - my) * scale).astype(int)
        pressure = _pressure(rng, speed, max_pressure).astype(int)
        strokes.append([(int(a), int(b), int(p), t + STEP_MS * k) for k, (a, b, p) in enumerate(zip(px, py, pressure,
                                                                                                    strict=True))])
        t = strokes[-1][-1][3] + int(rng.integers(150, 350))  # pen lifted, moving to the next stroke
    return strokes


def dot(box: tuple[int, int, int, int], max_pressure: int) -> list[Stroke]:
    """A tap: the pen touches and lifts at one place (an applicant who only touched the pad)."""
    cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
    return [[(cx + k % 2, cy, max_pressure // 2, STEP_MS * k) for k in range(12)]]


def line(box: tuple[int, int, int, int], max_pressure: int) -> list[Stroke]:
    """A straight horizontal stroke across the box: a line, not a signature."""
    x0, y0, x1, y1 = box
    cy = (y0 + y1) // 2
    n = 120
    return [[(x0 + 600 + (x1 - x0 - 1200) * k // n, cy + (k % 3) - 1, max_pressure // 2, STEP_MS * k)
             for k in range(n + 1)]]


def outside(seed: int, box: tuple[int, int, int, int], max_pressure: int) -> list[Stroke]:
    """A signature that runs over the top of the box (over the prompt line) by half its height."""
    strokes = signature(seed, box, max_pressure)
    lift = (box[3] - box[1]) // 2
    return [[(x, max(0, y - lift), p, t) for x, y, p, t in s] for s in strokes]
