"""How the benchmark reads Chromium's CPU profiles: time under the extension's scripts, by the
innermost one, so an instrument's own samples can be left out (a profile made here, shaped as
`Profiler.stop` returns it)."""

from ecflink.practice.browsers import ScriptSamples

EXT = "chrome-extension://abc/"
HOOK = EXT + "cost_hook.js"


def frame(node_id: int, url: str, children: tuple[int, ...] = ()) -> dict:
    return {"id": node_id, "callFrame": {"functionName": "", "url": url}, "children": list(children)}


def ours(script: str) -> bool:
    return script.startswith(EXT)


def ours_but_the_hook(script: str) -> bool:
    return script.startswith(EXT) and script != HOOK


def anything(script: str) -> bool:
    return True


# 1 root; 2 the page's script; 3 the hook's wrapper, 4 the panel's build inside it, 5 a native call
# (layout, say) the build made; 6 the hook's clock read, a native call of the wrapper's own;
# 7 another extension's script.
NODES = [
    frame(1, "", (2, 3, 7)),
    frame(2, "https://ecf.txwd.uscourts.gov/page.js"),
    frame(3, HOOK, (4, 6)),
    frame(4, EXT + "overlay.js", (5,)),
    frame(5, ""),
    frame(6, ""),
    frame(7, "chrome-extension://other/content.js"),
]
PROFILE = {"nodes": NODES, "samples": [1, 2, 3, 4, 5, 5, 6, 7], "timeDeltas": [100, 200, 300, 400, 500, 600, 700, 800]}


def test_time_under_the_extensions_scripts_counts_their_native_calls():
    samples = ScriptSamples(PROFILE)
    assert samples.wall_ms(ours) == (300 + 400 + 500 + 600 + 700) / 1000
    assert samples.wall_ms(anything) == (300 + 400 + 500 + 600 + 700 + 800) / 1000
    # The page's own script and the idle root are nobody's.
    assert set(samples.deltas) == {HOOK, EXT + "overlay.js", "chrome-extension://other/content.js"}


def test_an_instruments_own_samples_are_left_out_but_not_the_code_it_wraps():
    # The build (4) and its native call (5) ran inside the hook's wrapper, and count; the wrapper's
    # own samples (3) and its own native call (6) do not.
    assert ScriptSamples(PROFILE).wall_ms(ours_but_the_hook) == (400 + 500 + 600) / 1000


def test_nothing_under_the_prefix_is_nothing():
    samples = ScriptSamples(PROFILE, prefix="chrome-extension://none/")
    assert samples.wall_ms(anything) == 0 and samples.running_ms(anything) == 0


# Samples every 100 µs but for one taken after the thread waited 9 ms for a core (node 4, the build).
PREEMPTED = {**PROFILE, "timeDeltas": [100, 100, 100, 9000, 100, 100, 100, 100]}


def test_a_wait_for_a_core_is_charged_to_the_frame_on_the_stack_by_wall_time():
    assert ScriptSamples(PREEMPTED).wall_ms(ours_but_the_hook) == (9000 + 100 + 100) / 1000


def test_running_time_counts_each_sample_as_one_median_interval():
    # The build's three samples are 0.3 ms of running, whatever the wait before one of them.
    samples = ScriptSamples(PREEMPTED)
    assert samples.running_ms(ours_but_the_hook) == 3 * 100 / 1000
    assert samples.running_ms(anything) == 6 * 100 / 1000
    assert ScriptSamples({"nodes": [], "samples": [], "timeDeltas": []}).running_ms(anything) == 0
