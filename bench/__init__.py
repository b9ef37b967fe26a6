"""The benchmark of issue 8 (`make bench`, or `python -m bench.runner --help`), kept out of the app.

- ``runner``: the command line and the order of a run (database, servers, each measurement, report);
- ``servers``: child processes: gunicorn servers, wrk, commands with a deadline;
- ``pages``: the pages measured, fetching over HTTP, the career page's weight, URL sets;
- ``loadtest``: the load test's mix of public URLs;
- ``scaling``: synthetic careers up to each size and the latency measured there;
- ``inprocess``: what runs inside a Django process on the benchmark's database (``python -m bench.inprocess``);
- ``report``: the Markdown report, the verdicts against issue 8's targets, writing between markers;
- ``page_report``: its issue 16 part: every public page at every size, the finder, issue 16's verdicts;
- ``synthetic``: synthetic careers (``manage.py synthesize_catalogue --careers N``);
- ``hello_wsgi``, ``settings``, ``wrk.lua``: the ceiling app, the site's settings, wrk's script.

Only ``synthetic`` and ``inprocess`` import the project's models, and only inside Django.
"""
