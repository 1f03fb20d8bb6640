"""Work shared by forked processes: ``fork_map`` is ``ProcessPoolExecutor.map`` for the
batch runs of xref and dedupe, without its import (concurrent.futures and multiprocessing:
a fifth of the command's start) and at a third of its cost a run (a pool of two forked
workers took 15-19 ms to start and stop, two plain forks 5 ms). The workers are forked
when the map starts and inherit everything the function needs (the tasks themselves are
read from the parent's memory, not sent); each result comes back pickled through a pipe,
and the results are yielded in the order of the tasks, as they come. With ``here``, this
process is one of the workers (for small runs: a fork and the pickling of its share's
answers saved). A task's exception is
raised in the parent as soon as it arrives (results of earlier tasks still on their way
are dropped); a worker that dies is an error too. The workers run without the cyclic
garbage collector (see ``core.collector.no_gc``) and end with the map.

Signals: Ctrl-C (SIGINT) is the parent's to handle, the workers ignore it. While workers
are forked and while they are stopped, the thread running the map holds back SIGINT,
SIGTERM, SIGHUP and SIGQUIT (they are delivered just after): a signal handled between a
fork and the worker's guard could otherwise send a copy of the parent on with the parent's
work, and one in the middle of stopping would leave workers unwaited for. The mask is the
thread's: a worker is always safe (it starts with the mask), the parent is when no other
thread of it takes the signal (the command line has no other thread).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import selectors
import signal
import struct
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from itertools import chain
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The size of the pickled answer, whether it is an error, how many buffers follow it.
_HEADER = struct.Struct("<Q?I")
_SIZE = struct.Struct("<Q")  # a buffer's size
_Answer = tuple[bytes | bytearray, list[bytes | bytearray]]  # pickled, its buffers
_TASK = struct.Struct("<q")  # the index of the next task, -1 to stop
_HELD = frozenset({signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT})


class WorkerError(RuntimeError):
    """A task failed in a worker process (its traceback is the message), or a worker
    ended without answering."""


def fork_map(
    function: Callable[[T], R], tasks: Sequence[T], workers: int, here: bool = False
) -> Generator[R, None, None]:
    """``function`` of every task, on ``workers`` forked processes, in the order of the
    tasks. With one worker or one task, in this process. ``here``: this process is one of
    the workers (one fork fewer, and its share's answers need no pickling: for small runs,
    where those costs count; see ``_Workers.results`` for why not for large answers)."""
    if workers <= 1 or len(tasks) <= 1:
        yield from map(function, tasks)
        return
    count = min(workers, len(tasks))
    pool = _Workers(function, tasks, count - 1 if here else count)
    try:
        yield from pool.results(function if here else None)
    finally:
        pool.stop()


class _Workers:
    def __init__(self, function: Callable[[Any], Any], tasks: Sequence[Any], count: int) -> None:
        self.tasks = tasks
        self.following = 0  # the next task to hand out (or to do here)
        self.given: dict[int, int] = {}  # pid: tasks handed out and not yet answered
        self.children: dict[int, tuple[int, int]] = {}  # pid: (task pipe, answer pipe)
        try:
            with _holding_signals() as mask:
                self._fork(function, count, mask)
        except BaseException:
            self.stop()
            raise

    def _fork(self, function: Callable[[Any], Any], count: int, mask: set[int]) -> None:
        tasks = self.tasks
        for stream in (sys.stdout, sys.stderr):  # no buffered text written twice
            with contextlib.suppress(Exception):
                stream.flush()
        for _ in range(count):
            pipes: list[int] = []  # this worker's, closed if it cannot be started
            try:
                pipes.extend(os.pipe())
                pipes.extend(os.pipe())
                task_read, task_write, answer_read, answer_write = pipes
                pid = os.fork()
            except BaseException:
                _close(pipes)
                raise
            if pid == 0:  # the child: it serves tasks and never returns
                others = [task_write, answer_read, *chain.from_iterable(self.children.values())]
                _serve(function, tasks, task_read, answer_write, others, mask)
            self.children[pid] = (task_write, answer_read)
            _close([task_read, answer_write])

    def results(self, here: Callable[[Any], Any] | None = None) -> Iterator[Any]:
        """The answers in the order of the tasks. ``here``: the function, when this process
        works too: it takes the next task whenever no answer is waiting, and the workers
        are kept a task ahead when there are many (so that one finishing while this process
        works has its next task already). A worker's answer waits in its pipe until this
        process reads it, and the worker with it once the pipe is full (64 KiB): with large
        answers a worker would often wait for this process's task to end."""
        waiting: dict[int, Any] = {}  # answers come in any order, are yielded in order
        participants = len(self.children) + (here is not None)
        ahead = 2 if here is not None and len(self.tasks) >= 4 * participants else 1
        with selectors.DefaultSelector() as selector:
            for pid, (task_write, answer_read) in self.children.items():
                selector.register(answer_read, selectors.EVENT_READ, (pid, task_write))
            for _ in range(ahead):
                for pid, (task_write, answer_read) in self.children.items():
                    self._hand_out(selector, pid, task_write, answer_read)
            for index in range(len(self.tasks)):
                while index not in waiting:
                    mine = here is not None and self.following < len(self.tasks)
                    events = selector.select(0 if mine else None)
                    for key, _ in events:
                        pid, task_write = key.data
                        received, failed = self._receive(pid, key.fd)
                        self.given[pid] -= 1
                        # The worker's next task before its answer is unpickled here.
                        self._hand_out(selector, pid, task_write, key.fd)
                        done, answer = self._decode(received, failed)
                        waiting[done] = answer
                        del received, answer  # not held here while the caller works
                    if mine and not events:
                        assert here is not None
                        task = self.following
                        self.following += 1
                        waiting[task] = here(self.tasks[task])
                yield waiting.pop(index)

    def _hand_out(
        self, selector: selectors.BaseSelector, pid: int, task_write: int, answer: int
    ) -> None:
        """The next task to a worker; when none is left, the word to stop once it has
        answered all it was given (and no more waiting on it)."""
        try:
            if self.following < len(self.tasks):
                os.write(task_write, _TASK.pack(self.following))
                self.following += 1
                self.given[pid] = self.given.get(pid, 0) + 1
            elif not self.given.get(pid):
                os.write(task_write, _TASK.pack(-1))
                selector.unregister(answer)
        except BrokenPipeError as exc:
            raise WorkerError("a worker process ended before its next task") from exc

    def _receive(self, pid: int, answer_read: int) -> tuple[_Answer, bool]:
        """A worker's pickled answer with its out-of-band buffers (see ``_serve``), and
        whether it is a failure."""
        head = _read(answer_read, _HEADER.size)
        if len(head) < _HEADER.size:
            raise WorkerError(f"a worker process (pid {pid}) ended without answering")
        size, failed, count = _HEADER.unpack(head)

        def whole(length: int) -> bytes | bytearray:  # each part checked before the next
            part = _read(answer_read, length)
            if len(part) < length:
                raise WorkerError(f"a worker process (pid {pid}) ended in the middle of an answer")
            return part

        sizes = whole(_SIZE.size * count)
        body = whole(size)
        buffers = [whole(n) for (n,) in _SIZE.iter_unpack(sizes)]
        return (body, buffers), failed

    def _decode(self, answer: _Answer, failed: bool) -> tuple[int, Any]:
        """The task's index and its result; a failure raised (as the task's own exception
        when it can be rebuilt here, else as a WorkerError with the traceback)."""
        body, buffers = answer
        # Arrays come back over the buffers they were read into (no copy).
        index, answer = pickle.loads(body, buffers=buffers)  # noqa: S301 (our own worker's)
        if not failed:
            return index, answer
        pickled, text = answer
        try:
            error = pickle.loads(pickled) if pickled is not None else None  # noqa: S301
        except Exception:  # pickled in the worker but not rebuilt here
            error = None
        if not isinstance(error, BaseException):
            raise WorkerError(text)
        error.add_note(f"in a worker process:\n{text}")
        raise error

    def stop(self) -> None:
        """Close the pipes (idle workers read the end of their task pipe and leave), end
        any worker still busy (an error or an early stop) and wait for them all."""
        with _holding_signals():
            for pid, pipes in self.children.items():
                _close(pipes)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            for pid in self.children:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            self.children.clear()


@contextlib.contextmanager
def _holding_signals() -> Iterator[set[int]]:
    """SIGINT, SIGTERM, SIGHUP and SIGQUIT held back (queued) inside, delivered after;
    the signal mask from before is given."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield before
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _close(fds: Sequence[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def _read(fd: int, size: int) -> bytes | bytearray:
    """``size`` bytes from a pipe, fewer only at its end."""
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        count = os.readv(fd, [view[got:]])
        if count == 0:
            return buffer[:got]
        got += count
    return buffer


def _serve(
    function: Callable[[Any], Any],
    tasks: Sequence[Any],
    task_read: int,
    answer_write: int,
    others: Sequence[int],
    mask: set[int],
) -> None:
    """A worker's loop: the index of a task in, its pickled answer out, until told to stop
    or the parent is gone. It never returns, whatever happens (a forked copy of the parent
    going on with the parent's work would write its files twice). ``others``: the parent's
    ends of the pipes, closed here (a worker must see the end of its task pipe when the
    parent is gone). ``mask``: the signal mask from before the fork, set again only once
    Ctrl-C is ignored here and the guard is in place (see ``_holding_signals``)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for fd in others:
            os.close(fd)
        gc.disable()
        while True:
            head = _read(task_read, _TASK.size)
            if len(head) < _TASK.size:
                break
            (index,) = _TASK.unpack(head)
            if index < 0:
                break
            try:
                # Large contiguous arrays go out of band: written from their own memory,
                # read into the buffers the parent's arrays then use (a copy each side
                # fewer than pickled in the body: at 1 000 000 records a side, xref's
                # tables are gigabytes, and memory first touched costs).
                buffers: list[pickle.PickleBuffer] = []
                body = pickle.dumps(
                    (index, function(tasks[index])), protocol=5, buffer_callback=buffers.append
                )
                raw, failed = [b.raw() for b in buffers], False
            except Exception as exc:  # every failure goes to the parent
                body, raw, failed = _failure(index, exc), [], True
            sizes = b"".join(_SIZE.pack(len(r)) for r in raw)
            _write(answer_write, _HEADER.pack(len(body), failed, len(raw)) + sizes)
            _write(answer_write, body)
            for r in raw:
                _write(answer_write, r)
            del body, raw, buffers
    except BaseException:  # the parent is gone or stopped us: just leave
        code = 1
    finally:
        os._exit(code)


def _failure(index: int, exc: Exception) -> bytes:
    """A task's exception pickled on its own, with its traceback as text (the parent
    still has the text when the exception does not pickle here or unpickle there)."""
    import traceback  # only when a task fails

    text = "".join(traceback.format_exception(exc))
    try:
        pickled: bytes | None = pickle.dumps(exc, protocol=5)
    except Exception:  # an exception that does not pickle
        pickled = None
    return pickle.dumps((index, (pickled, text)), protocol=5)


def _write(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
