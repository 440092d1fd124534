"""The RQ worker that `manage.py rqworker` runs (settings.RQ["WORKER_CLASS"]): a
job's work horse stays in the worker's process group and dies with the worker.

RQ forks each job into a work horse and puts it in a process group of its own, so
killing a worker's group (a deploy script's `kill -- -PGID`, a supervisor) left
the horse running: a partnering solve went on for its whole time limit, beat its
heartbeat and could even save a draft after its worker was gone. Here the horse
rejoins the worker's group, and on Linux asks the kernel (`PR_SET_PDEATHSIG`) for
SIGKILL when the worker dies, so `kill -9 <worker>` alone ends it too. The run it
was solving stops beating and the reaper (`schedule_run_fail_stale`, every
minute from `rq cron`) marks it failed; the published schedule is untouched.

Sharing the group changes two things RQ relied on, restored here: the horse
ignores SIGINT and SIGTERM sent to the whole group (Ctrl-C, `kill -TERM -PGID`),
since the worker gets them too and asks for its warm or cold shutdown as usual;
and the worker signals its horse by pid, never by group (the group is its own).
"""

import ctypes
import ctypes.util
import os
import signal
import sys

from rq.worker import Worker
from rq.worker.base import SHUTDOWN_SIGNAL

PR_SET_PDEATHSIG = 1


def die_with(parent_pid: int) -> None:
    """In a child: SIGKILL when `parent_pid` (our parent) dies (Linux only), and
    exit now if it is already gone (it died before the request took hold)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


class GroupWorker(Worker):
    def fork_work_horse(self, job, queue) -> None:
        self._worker_pid = os.getpid()
        super().fork_work_horse(job, queue)

    def main_work_horse(self, job, queue) -> None:
        # RQ's fork gave the horse a group of its own (os.setpgrp): back into ours.
        try:
            os.setpgid(0, os.getpgid(self._worker_pid))
        except OSError:
            os._exit(1)  # the worker is gone already
        die_with(self._worker_pid)
        super().main_work_horse(job, queue)

    def setup_work_horse_signals(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)

    def kill_horse(self, sig: signal.Signals = SHUTDOWN_SIGNAL) -> None:
        try:
            os.kill(self.horse_pid, sig)
            self.log.info("Worker %s: killed horse pid %s", self.name, self.horse_pid)
        except ProcessLookupError:
            self.log.debug("Worker %s: horse already dead", self.name)
