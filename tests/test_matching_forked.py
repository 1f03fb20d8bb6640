"""fork_map: the results of forked workers, in order; their failures raised here."""

import os
import select
import signal
import threading
import time

import pytest

from paccto.matching.forked import WorkerError, fork_map


def _square(x):
    time.sleep(0.002 * (x % 3))  # answers come back out of order
    return x * x, os.getpid()


def test_results_come_in_the_order_of_the_tasks_from_forked_workers():
    tasks = list(range(40))
    answers = list(fork_map(_square, tasks, 2))
    assert [a for a, _ in answers] == [x * x for x in tasks]
    workers = {pid for _, pid in answers}
    assert len(workers) == 2 and os.getpid() not in workers


def test_one_worker_or_one_task_runs_here():
    assert [pid for _, pid in fork_map(_square, [1, 2, 3], 1)] == [os.getpid()] * 3
    assert [pid for _, pid in fork_map(_square, [5], 2)] == [os.getpid()]
    assert list(fork_map(_square, [], 2)) == []


def test_workers_see_what_the_parent_had_when_the_map_started():
    table = {k: k * 10 for k in range(100)}  # not sent: inherited by the fork
    assert list(fork_map(table.__getitem__, list(range(100)), 2)) == [table[k] for k in range(100)]


def _fails_on_seven(x):
    if x == 7:
        raise ValueError(f"bad task {x}")
    return x


def test_a_task_s_exception_is_raised_here_with_its_traceback():
    with pytest.raises(ValueError, match="bad task 7") as error:
        list(fork_map(_fails_on_seven, list(range(20)), 2))
    assert any("_fails_on_seven" in note for note in error.value.__notes__)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("no")


def _raises_unpicklable(x):
    raise _Unpicklable("odd")


def test_an_exception_that_does_not_pickle_comes_as_its_traceback():
    with pytest.raises(WorkerError, match="_Unpicklable: odd"):
        list(fork_map(_raises_unpicklable, [1, 2], 2))


def _dies_on_three(x):
    if x == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_worker_that_dies_is_an_error_not_a_hang():
    with pytest.raises(WorkerError, match="ended"):
        list(fork_map(_dies_on_three, list(range(10)), 2))


def _slow(x):
    time.sleep(0.05)
    return os.getpid()


def test_stopping_early_ends_every_worker():
    results = fork_map(_slow, list(range(50)), 2)
    first = next(results)
    results.close()
    with pytest.raises(ProcessLookupError):  # ended and waited for: no such process
        os.kill(first, 0)


class _TwoArguments(Exception):
    def __init__(self, what, why):  # pickles as (what,): rebuilding it fails
        super().__init__(what)
        self.why = why


def _raises_two_arguments(x):
    raise _TwoArguments("odd", "reason")


def test_an_exception_that_pickles_but_cannot_be_rebuilt_comes_as_its_traceback():
    with pytest.raises(WorkerError, match="_TwoArguments: odd"):
        list(fork_map(_raises_two_arguments, [1, 2], 2))


def _open_descriptors():
    return set(os.listdir("/proc/self/fd"))


def test_no_pipe_is_left_open_after_a_map_ends_or_fails():
    before = _open_descriptors()
    list(fork_map(_square, list(range(10)), 2))
    with pytest.raises(ValueError):
        list(fork_map(_fails_on_seven, list(range(20)), 2))
    results = fork_map(_slow, list(range(50)), 2)
    next(results)
    results.close()
    assert _open_descriptors() == before


def test_a_ctrl_c_while_workers_start_is_held_until_they_are_all_recorded(monkeypatch):
    """SIGINT sent in the middle of forking is delivered after: the parent stops every
    worker it started and no copy of it goes on past the map."""
    forks = []
    real_fork = os.fork

    def fork_then_interrupt():
        pid = real_fork()
        if pid:
            forks.append(pid)
            # To this thread (the mask is a thread's; a command line has no other thread).
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)
        return pid

    monkeypatch.setattr(os, "fork", fork_then_interrupt)
    parent = os.getpid()
    # Ctrl-C as a plain Python process sees it (test runners' workers may ignore it).
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            list(fork_map(_slow, list(range(50)), 2))
    finally:
        signal.signal(signal.SIGINT, handler)
    assert os.getpid() == parent
    assert len(forks) == 2  # the signal waited for the second fork
    for pid in forks:
        with pytest.raises(ChildProcessError):  # waited for: not a child any more
            os.waitpid(pid, os.WNOHANG)


_PARENT = [os.getpid()]


_STARTED = [-1, -1]  # a pipe: this process writes to it once it has taken a task


def _square_after_the_parent(x):
    """``_square``; in a forked worker, only once this process has taken a task of its own
    (a worker that answered before this process looked would rightly be given the next
    task too: on a busy machine it can)."""
    read, write = _STARTED
    if os.getpid() == _PARENT[0]:
        os.write(write, b"x")
    else:
        assert select.select([read], [], [], 10)[0], "this process took no task"
    return _square(x)


@pytest.mark.parametrize("count", [2, 3, 40])
def test_here_this_process_works_too_and_the_order_holds(count):
    """With ``here`` the parent takes tasks while one forked worker does the others (kept
    a task ahead when there are many): every task done once, in order."""
    tasks = list(range(count))
    _STARTED[:] = os.pipe()
    try:
        answers = list(fork_map(_square_after_the_parent, tasks, 2, here=True))
    finally:
        for end in _STARTED:
            os.close(end)
    assert [a for a, _ in answers] == [x * x for x in tasks]
    workers = {pid for _, pid in answers}
    assert len(workers) == 2 and os.getpid() in workers


def _raises_here(x):
    if x == 5:
        raise ValueError(f"bad task {x}")
    time.sleep(0.005)
    return os.getpid()


def test_here_a_failure_here_or_in_the_worker_is_raised_and_the_worker_ended():
    before = _open_descriptors()
    with pytest.raises(ValueError, match="bad task 5"):
        list(fork_map(_raises_here, list(range(30)), 2, here=True))
    with pytest.raises(WorkerError, match="ended"):
        list(fork_map(_dies_in_a_worker, list(range(10)), 2, here=True))
    results = fork_map(_slow, list(range(50)), 2, here=True)
    first = next(results)  # the first task goes to the worker
    results.close()
    assert first != os.getpid()
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)
    assert _open_descriptors() == before


def _dies_in_a_worker(x):
    if os.getpid() != _PARENT[0]:
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_here_with_one_worker_runs_everything_here():
    assert [pid for _, pid in fork_map(_square, [1, 2, 3], 1, here=True)] == [os.getpid()] * 3


def _arrays(k):
    import numpy as np

    rows = np.arange(300_000, dtype=np.int64).reshape(-1, 3) * k
    return {"rows": rows, "column": rows[:, 1], "names": np.array(["a", k], dtype=object)}, k


def test_arrays_come_back_whole_and_writable_whatever_their_layout():
    import numpy as np

    for answer, k in fork_map(_arrays, [1, 2, 3], 2):
        expected = np.arange(300_000, dtype=np.int64).reshape(-1, 3) * k
        assert np.array_equal(answer["rows"], expected)
        assert np.array_equal(answer["column"], expected[:, 1])  # not contiguous: in band
        assert list(answer["names"]) == ["a", k]
        answer["rows"][0, 0] = -1  # the parent's own memory
        assert answer["rows"][0, 0] == -1


def test_a_worker_that_dies_in_the_middle_of_its_arrays_is_an_error(monkeypatch):
    import numpy as np

    from paccto.matching import forked

    real, calls = forked._write, [0]

    def dying(fd, data):  # in the worker: the header, the body, then half an array
        calls[0] += 1
        if calls[0] == 3:
            real(fd, memoryview(data)[: len(memoryview(data)) // 2])
            os._exit(0)
        real(fd, data)

    monkeypatch.setattr(forked, "_write", dying)
    with pytest.raises(WorkerError, match="ended in the middle of an answer"):
        list(fork_map(lambda k: np.arange(100_000) * k, [1, 2, 3, 4], 2))
