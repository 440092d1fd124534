"""Give every scheduled meeting a table, keeping people seated where they were.

Why a separate pass: tables never change which meetings fit (only how many general
tables a slot has), so slots are decided first and tables after, block by block.
A participant's table changes when two successive meetings in a block use different
tables; we keep a meeting at the table its participants last sat at, and hand new
meetings tables nobody will come back to later in the block.
"""

from __future__ import annotations

from .packed import Packed, Schedule


def assign_tables(pk: Packed, sched: Schedule, blocks: set[int] | None = None) -> None:
    """(Re)assign tables of every meeting in the given blocks (default: all)."""
    by_slot: list[list[int]] = [[] for _ in range(pk.n_slots)]
    for m, s in enumerate(sched.slot):
        if s >= 0 and (blocks is None or pk.block_of[s] in blocks):
            by_slot[s].append(m)
    general = set(pk.general_tables)
    for b, bm in enumerate(pk.block_masks):
        if blocks is None or b in blocks:
            _Block(pk, sched, bm, general).run(by_slot)


class _Block:
    """Slot-by-slot assignment inside one block, remembering where people sat."""

    def __init__(self, pk: Packed, sched: Schedule, mask: int, general: set[int]):
        self.pk, self.sched, self.mask, self.general = pk, sched, mask, general
        self.last: dict[int, int] = {}
        self.claim: dict[int, int] = {}  # table -> people who will come back to it
        self.counted: set[int] = set()

    def run(self, by_slot: list[list[int]]) -> None:
        mask = self.mask
        while mask:
            s = (mask & -mask).bit_length() - 1
            mask &= mask - 1
            self.slot(s, by_slot[s])

    def slot(self, s: int, meetings: list[int]) -> None:
        pk, table = self.pk, self.sched.table
        used: set[int] = set()
        rest = []
        for m in meetings:
            t = pk.host_table[m] if pk.host_table[m] >= 0 else pk.pin_table[m]
            table[m] = t
            if t >= 0:
                used.add(t)
            else:
                rest.append(m)
        rest = self._keep_seats(rest, used)
        free = [t for t in pk.general_tables if t not in used]
        free.sort(key=lambda t: self.claim.get(t, 0))
        if len(free) < len(rest):
            raise RuntimeError(f"slot {s}: {len(rest)} meetings, {len(free)} tables")
        for m, t in zip(rest, free, strict=False):
            table[m] = t
        for m in meetings:
            self._sit(m, s)

    def _keep_seats(self, rest: list[int], used: set[int]) -> list[int]:
        """Seat meetings where most of their people sat last; return the others."""
        prefs = []
        for m in rest:
            count: dict[int, int] = {}
            for p in self.pk.parts[m]:
                t = self.last.get(p, -1)
                if t in self.general:
                    count[t] = count.get(t, 0) + 1
            prefs.extend((-c, m, t) for t, c in count.items())
        prefs.sort()
        seated = set()
        for _, m, t in prefs:
            if m not in seated and t not in used:
                self.sched.table[m] = t
                used.add(t)
                seated.add(m)
        return [m for m in rest if m not in seated]

    def _sit(self, m: int, s: int) -> None:
        later = self.mask & ~((2 << s) - 1)
        t = self.sched.table[m]
        for p in self.pk.parts[m]:
            if p in self.counted:
                old = self.last[p]
                self.claim[old] -= 1
            self.last[p] = t
            if self.sched.busy[p] & later:
                self.claim[t] = self.claim.get(t, 0) + 1
                self.counted.add(p)
            else:
                self.counted.discard(p)
