"""The per-worker cache keeps a value its time to live from when it was computed."""

from srtracker import cache


def test_a_value_slower_to_compute_than_its_time_to_live_is_still_kept(monkeypatch):
    clock = iter([0.0, 100.0, 101.0, 102.0])
    monkeypatch.setattr(cache.time, "monotonic", lambda: next(clock))
    kept = cache.TtlCache(60)
    calls = []
    assert kept.get("queue", lambda: calls.append(1) or "slow") == "slow"  # done at 100 s
    assert kept.get("queue", lambda: calls.append(1) or "again") == "slow"  # asked at 101 s
    assert calls == [1]
