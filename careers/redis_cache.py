"""Django's Redis cache backend, keeping its redis-py client instead of making one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` around the (kept) connection
pool on every cache call, and redis-py 8 fills a table of about 170 response callbacks each time it
builds one: about 0.1 ms, as long as the round trip to Redis itself, on every page-cache hit. A
client is thread-safe and holds no connection of its own (it borrows one from the pool per
command; the pool reopens its connections in a forked process), so one per pool is enough.
Everything else (keys, serialisation, timeouts) is Django's.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with the client above (``CACHES``'s BACKEND)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
