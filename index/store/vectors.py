"""The FAISS file: the chunks' vectors under their chunk ids, for nearest-neighbour search.

Below `APPROXIMATE_ABOVE` vectors the index is exact (an id map over a flat inner-product
index): a scan of 100k vectors takes ~10 ms. Past it a scan grows too slow and too big
(1M x 384 floats is 1.5 GB and ~70 ms), so the index turns into an inverted file over
8-bit codes (IVF-SQ8, a quarter of the memory; `remove_ids` still works) that proposes
candidates, which the store re-scores exactly from the vectors SQLite keeps.

SQLite keeps every vector, so this file can always be rebuilt from it; it is written
atomically (temp file + rename) so a crash never leaves half an index. Next to it a small
state file records which of the collection's changes the index file reflects, so that
opening a library need not read a million chunk ids to know the file is current.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path

import faiss
import numpy as np

from ..atomic_files import write_atomically

# One OpenMP thread searches a flat index faster than two on this kind of
# machine and leaves the other core to the event loop and the model.
faiss.omp_set_num_threads(1)

APPROXIMATE_ABOVE = 200_000
# Inverted lists probed per query, and candidates re-scored beyond the results wanted: 8-bit
# codes order vectors almost exactly, so a fixed margin does (at 1M, top-40 recall is the
# same with 110 candidates as with 320, and each costs a row read in SQLite).
NPROBE = 48
RESCORE_MARGIN = 70
# k-means for the inverted lists: this many training vectors per list, this many rounds.
TRAIN_PER_LIST = 32
TRAIN_ROUNDS = 10


Flat = faiss.IndexIDMap2
Inverted = faiss.IndexIVFScalarQuantizer


def list_count(size: int) -> int:
    """Inverted lists for `size` vectors: a power of two near 2·sqrt(size), at least 64."""
    return max(64, 1 << round(math.log2(2 * math.sqrt(max(size, 1)))))


class VectorIndex:
    """Chunk ids and their vectors for nearest-neighbour search."""

    def __init__(self, path: Path, dimension: int, approximate_above: int = APPROXIMATE_ABOVE) -> None:
        self.path = path
        self.state_path = path.with_name(path.name + ".state")
        self.dimension = dimension
        self.approximate_above = approximate_above
        # The change count the loaded file was saved at, when its state file vouches for it.
        self.loaded_at: int | None = None
        self._mapped = False  # the inverted lists still live in the mapped file
        self._index: Flat | Inverted = self._empty()
        if path.exists():
            recorded = self._recorded_state()
            before = self._file_identity()
            loaded = self._load()
            if loaded is not None:
                self._index = loaded
                if recorded is not None and recorded[1] == before == self._file_identity():
                    self.loaded_at = recorded[0]

    def _empty(self) -> faiss.IndexIDMap2:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))

    def _load(self) -> Flat | Inverted | None:
        """The index in the file; None when unreadable or foreign (the store then sees
        the ids disagree and rebuilds). An inverted index is mapped, not read: opening a
        million vectors takes a tenth of a second, and the pages come in as searches (and
        the read-ahead asked for here) touch them. It is copied into memory before its
        first change (`_writable`)."""
        _read_ahead(self.path)
        try:
            index = faiss.read_index(str(self.path), faiss.IO_FLAG_MMAP_IFC)
            if isinstance(index, faiss.IndexIDMap2):  # exact, so small: read it, changes come often
                index = faiss.read_index(str(self.path))
        except RuntimeError:
            return None
        if index.d != self.dimension or not isinstance(index, (faiss.IndexIDMap2, faiss.IndexIVFScalarQuantizer)):
            return None
        if isinstance(index, faiss.IndexIVFScalarQuantizer):
            index.nprobe = NPROBE
            self._mapped = True
        return index

    def _writable(self) -> Flat | Inverted:
        """The index, first copied out of the mapped file if it still lives there (FAISS
        aborts the whole process when asked to change a mapped list)."""
        index = self._index
        if self._mapped and isinstance(index, faiss.IndexIVFScalarQuantizer):
            mapped = index.invlists
            assert mapped is not None
            owned = faiss.ArrayInvertedLists(index.nlist, index.code_size)
            for i in range(index.nlist):
                if size := mapped.list_size(i):
                    owned.add_entries(i, size, mapped.get_ids(i), mapped.get_codes(i))
            index.replace_invlists(owned, True)
            owned.this.disown()  # type: ignore[attr-defined]  # SWIG: the index owns the copy now
        self._mapped = False
        return index

    @property
    def approximate(self) -> bool:
        """True when searches return candidates to re-score rather than exact results."""
        return isinstance(self._index, faiss.IndexIVFScalarQuantizer)

    @property
    def size(self) -> int:
        """How many vectors the index holds."""
        return int(self._index.ntotal)

    def ids(self) -> np.ndarray:
        """All chunk ids held, sorted."""
        if isinstance(self._index, faiss.IndexIDMap2):
            return np.sort(faiss.vector_to_array(self._index.id_map).astype(np.int64))
        lists = self._index.invlists
        assert lists is not None
        parts = [faiss.rev_swig_ptr(lists.get_ids(i), lists.list_size(i)).copy()
                 for i in range(self._index.nlist) if lists.list_size(i)]
        return np.sort(np.concatenate(parts).astype(np.int64)) if parts else np.zeros(0, np.int64)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids (which must be new); past the threshold
        the exact index turns into an approximate one."""
        if len(ids):
            self._writable().add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32),
                                          np.asarray(ids, dtype=np.int64))
        if isinstance(self._index, faiss.IndexIDMap2) and self.size > self.approximate_above:
            self._index = self._inverted_from(self._index)

    def _inverted_from(self, flat: Flat) -> Inverted:
        ids = faiss.vector_to_array(flat.id_map).astype(np.int64)
        vectors = flat.index.reconstruct_n(0, flat.ntotal)
        lists = list_count(len(ids))
        index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(self.dimension), self.dimension, lists,
                                              faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = TRAIN_ROUNDS
        sample = np.random.default_rng(0).permutation(len(ids))[:lists * TRAIN_PER_LIST]
        index.train(vectors[np.sort(sample)])
        index.add_with_ids(vectors, ids)
        index.nprobe = NPROBE
        return index

    def remove(self, ids: list[int]) -> None:
        """Forget the given chunk ids; unknown ids are ignored."""
        if ids:
            self._writable().remove_ids(np.asarray(ids, dtype=np.int64))  # type: ignore[arg-type]  # faiss wraps ids

    def reset(self) -> None:
        """Drop every vector (before a rebuild)."""
        self._index = self._empty()
        self._mapped = False

    def search(self, query: np.ndarray, k: int, only: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Up to k (chunk id, similarity) pairs, best first; with `only`, among those chunk ids
        alone (FAISS skips the others while it searches). Exact cosines, or on an approximate
        index k + `RESCORE_MARGIN` candidates with approximate scores, to re-score."""
        if self.size == 0 or k <= 0:
            return []
        want = min(k + RESCORE_MARGIN if self.approximate else k, self.size)
        vector = np.asarray(query, dtype=np.float32).reshape(1, -1)
        if only is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(only, dtype=np.int64))
            params = self._filtered(selector, len(only))
            scores, ids = self._index.search(vector, want, params=params)
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
        scores, ids = self._index.search(vector, want)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]

    def _filtered(self, selector: faiss.IDSelector, allowed: int) -> faiss.SearchParameters:
        """Search parameters that skip the ids `selector` refuses. An approximate index
        probes more lists the fewer ids are allowed, so that it meets as many of them as
        an unfiltered search meets vectors (up to every list: an exact scan of the codes)."""
        if not isinstance(self._index, faiss.IndexIVFScalarQuantizer):
            return faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]  # SWIG keyword
        nprobe = min(self._index.nlist, math.ceil(NPROBE * self.size / max(allowed, 1)))
        return faiss.SearchParametersIVF(sel=selector, nprobe=nprobe)  # type: ignore[call-arg]

    def save(self, changes: int) -> None:
        """Write the index atomically next to its final path, then the state file saying it
        reflects the collection's first `changes` changes (at least: a write committed by
        another process meanwhile may be in it too)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, lambda tmp: faiss.write_index(self._index, str(tmp)))
        self.record_state(changes)

    def record_state(self, changes: int) -> None:
        """Write the state file for the index file as it is on disk now."""
        state = json.dumps({"changes": changes, "file": self._file_identity()})
        write_atomically(self.state_path, lambda tmp: tmp.write_text(state))

    def _recorded_state(self) -> tuple[int, list[int]] | None:
        """(changes, file identity) from the state file, if there is a readable one."""
        try:
            state = json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or not isinstance(state.get("changes"), int) \
                or not isinstance(state.get("file"), list):
            return None
        return state["changes"], state["file"]

    def _file_identity(self) -> list[int] | None:
        """Inode, size and modification time: any other file (an older copy put back, a
        file saved by another process since) differs in one of them."""
        try:
            stat = self.path.stat()
        except OSError:
            return None
        return [stat.st_ino, stat.st_size, stat.st_mtime_ns]

    def file_bytes(self) -> int:
        """Size of the file on disk (0 before the first save)."""
        return self.path.stat().st_size if self.path.exists() else 0


def _read_ahead(path: Path) -> None:
    """Ask the kernel to start reading the whole file into its cache, without waiting."""
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # gone meanwhile: reading it fails the same way and the store rebuilds
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    finally:
        os.close(fd)

