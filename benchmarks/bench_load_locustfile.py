"""Locust users for `bench_load`: attendees reading the agenda, the API and their
calendar feed, asking for meetings and buying tickets. Data comes from the JSON
file in LOAD_DATA (written by bench_load's seed); answer counts per endpoint and
status go to LOAD_STATUS when locust quits.

Refusals the product means to give (409 sold out or duplicate request, 403 over
the request cap, 429 rate limited) count as successes; 5xx and anything else
unexpected are failures.
"""

import itertools
import json
import os
import random
import secrets
from collections import Counter

from locust import FastHttpUser, between, events, task

DATA = json.loads(open(os.environ["LOAD_DATA"]).read())  # noqa: SIM115
ACCOUNTS = itertools.cycle(DATA["accounts"])
STATUS: Counter = Counter()
EXPECTED = {200, 201, 204, 403, 409, 429}


@events.request.add_listener
def _count(name, response, exception, **kwargs):
    STATUS[f"{name} {getattr(response, 'status_code', 0) or 'error'}"] += 1


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["LOAD_STATUS"], "w") as out:
        json.dump(dict(STATUS), out)


class Attendee(FastHttpUser):
    wait_time = between(0.2, 1.0)

    def on_start(self):
        self.account = next(ACCOUNTS)
        csrf = secrets.token_hex(16)
        self.headers = {
            "Cookie": f"sessionid={self.account['session']}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
        }

    def _get(self, path, name, signed_in=False):
        self.client.get(path, name=name, headers=self.headers if signed_in else None)

    def _post(self, path, name, body):
        with self.client.post(
            path,
            name=name,
            data=json.dumps(body),
            headers={**self.headers, "Content-Type": "application/json"},
            catch_response=True,
        ) as response:
            if response.status_code in EXPECTED:
                response.success()
            else:
                response.failure(f"answered {response.status_code}")

    @task(4)
    def agenda(self):
        self._get(DATA["agenda"], "agenda page")

    @task(4)
    def session_page(self):
        self._get(
            DATA["session_page"] % random.choice(DATA["sessions"]), "session page"
        )

    @task(3)
    def api_sessions(self):
        self._get(DATA["api_sessions"], "api: session list")

    @task(1)
    def api_events(self):
        self._get("/api/events/", "api: event list")

    @task(1)
    def api_participants(self):
        self._get(DATA["api_participants"], "api: participant list", signed_in=True)

    @task(2)
    def calendar_feed(self):
        self._get(self.account["feed"], "personal calendar feed")

    @task(1)
    def meeting_requests(self):
        self._get(DATA["api_requests"], "api: my meeting requests", signed_in=True)

    @task(1)
    def meeting_request_send(self):
        body = {"recipient_id": random.choice(self.account["recipients"])}
        self._post(DATA["api_requests"], "api: send meeting request", body)

    @task(1)
    def purchase(self):
        body = {
            "attendees": [
                {"ticket_type_id": DATA["ticket"], "email": self.account["email"]}
            ],
            "method": "invoice",
        }
        self._post(DATA["api_orders"], "api: buy a ticket", body)
