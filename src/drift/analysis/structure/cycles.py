"""Dependency cycles between modules: Tarjan's strongly connected components, and the edges to
cut to break each cycle.

A cycle is a component of two or more modules. Its ``members`` are the module names, sorted, as a
JSON list. ``break_suggestions`` is a JSON list of at most three edges inside the component,
weakest first: the fewest import statements behind the edge, then the edge whose source is the
more stable module (a stable module depending on a less stable one goes against the flow of
stability), then by name. Each suggestion is
``{"from": …, "to": …, "imports": n, "reason": "…"}``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from drift.records.structural import CouplingCycleRow

_MAX_SUGGESTIONS = 3


def strongly_connected(graph: Mapping[str, frozenset[str]]) -> list[list[str]]:
    """The strongly connected components of ``graph`` (iterative Tarjan), each sorted, in
    order of their smallest member."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index_of:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph.get(root, ())))]
        index_of[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop(0)
                if child not in index_of:
                    index_of[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index_of[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index_of[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return sorted(components, key=lambda c: c[0])


def cycle_rows(
    graph: Mapping[str, frozenset[str]],
    edge_weights: Mapping[tuple[str, str], int],
    instability: Mapping[str, float],
) -> list[CouplingCycleRow]:
    """One row per dependency cycle of ``graph`` (see the module docstring)."""
    rows: list[CouplingCycleRow] = []
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        members = set(component)
        inner = [
            (source, target)
            for source in component
            for target in sorted(graph.get(source, ()))
            if target in members
        ]
        inner.sort(
            key=lambda e: (
                edge_weights.get(e, 1),
                instability.get(e[0], 0.0) - instability.get(e[1], 0.0),
                e,
            )
        )
        fewest = edge_weights.get(inner[0], 1) if inner else 1
        suggestions = [
            {
                "from": source,
                "to": target,
                "imports": edge_weights.get((source, target), 1),
                "reason": _reason(source, target, edge_weights, instability, fewest),
            }
            for source, target in inner[:_MAX_SUGGESTIONS]
        ]
        rows.append(
            CouplingCycleRow(
                id=0,
                members=json.dumps(component),
                break_suggestions=json.dumps(suggestions),
                created_at=0,
            )
        )
    return rows


def _reason(
    source: str,
    target: str,
    edge_weights: Mapping[tuple[str, str], int],
    instability: Mapping[str, float],
    fewest: int,
) -> str:
    count = edge_weights.get((source, target), 1)
    noun = "import" if count == 1 else "imports"
    if instability.get(source, 0.0) < instability.get(target, 0.0):
        return f"{count} {noun}; {source} is more stable than {target} and should not depend on it"
    if count == fewest:
        return f"{count} {noun}; the fewest in the cycle"
    return f"{count} {noun}; the next cheapest cut"
