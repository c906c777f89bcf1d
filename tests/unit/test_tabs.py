"""The host's memory of tabs: bounded, resettable, and each answer about exactly one tab and page."""

from ecflink.tabs import TabMemory


def test_a_page_seen_again_is_not_a_new_step_until_a_new_document():
    memory = TabMemory()
    memory.page_loaded(1, 0, "https://ecf.txwd.uscourts.gov/")
    assert memory.page_seen(1, 0, "https://ecf.txwd.uscourts.gov/", "ecf_unlinked") is False
    assert memory.page_seen(1, 0, "https://ecf.txwd.uscourts.gov/", "ecf_unlinked") is True
    assert memory.page_seen(1, 0, "https://ecf.txwd.uscourts.gov/", "utilities") is False
    memory.page_loaded(1, 0, "https://ecf.txwd.uscourts.gov/")
    assert memory.page(1) == ("https://ecf.txwd.uscourts.gov/", None)


def test_a_grant_is_for_one_offered_action_on_one_page_and_is_taken_once():
    memory = TabMemory()
    memory.offer(3, "https://a/", "hard_reload")
    assert memory.offers(3, "https://a/", "hard_reload") and not memory.offers(3, "https://b/", "hard_reload")
    assert not memory.offers(4, "https://a/", "hard_reload")
    memory.offer(3, "https://a/", None)
    assert not memory.offers(3, "https://a/", "hard_reload")
    memory.grant(3, "https://a/", "hard_reload")
    assert not memory.take_grant(3, "https://a/", "clear_court_data")  # a wrong claim spends the grant
    memory.grant(3, "https://a/", "hard_reload")
    assert memory.take_grant(3, "https://a/", "hard_reload") and not memory.take_grant(3, "https://a/", "hard_reload")


def test_memory_is_bounded_and_resettable():
    memory = TabMemory(limit=3)
    for tab in range(10):
        memory.page_loaded(tab, 0, f"https://x/{tab}")
        memory.step("txwd", tab, "mfa")
    assert memory.page(6) is None and memory.page(9) == ("https://x/9", None)
    assert memory.step("txwd", 9, "utilities") == "mfa" and memory.step("txwd", 0, "utilities") is None
    memory.reset()
    assert memory.page(9) is None
