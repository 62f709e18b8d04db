"""Fails when modules of the portal import each other in a loop, directly or through others,
counting imports inside functions too. The layers contract (lint-imports) keeps apps in
order; this keeps the modules within an app from knotting together."""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PACKAGES = [
    "config", "core", "accounts", "approvals", "partnerships", "changes", "assessments",
    "proposals", "leaving", "reviews", "register_review", "reports", "audits", "demo",
    "health", "operations", "api", "opendata", "privacy", "policy_changes",
]  # fmt: skip


def loops(graph):
    """Strongly connected groups of two or more modules (Tarjan's algorithm)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10000)
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def main():
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    # A package's __init__ is not where its modules import each other from.
    found = loops(graph)
    for group in found:
        print("These modules import each other in a loop:", ", ".join(group))
    if found:
        return 1
    print(f"No import loops among {len(graph.modules)} modules.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
