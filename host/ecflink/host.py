"""The native-messaging host the browser launches through the launcher `ecflink install` wrote:
`python -I -c 'from ecflink.host import main; ...' [--accept FAMILY:ID ... --] ORIGIN...`
(identity.py); `python -m ecflink.host` runs the same."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from ecflink import framing
from ecflink.channel import claim_stdout, frames_in
from ecflink.identity import identify_caller, published, split_args


def serve(frames: BinaryIO, out: BinaryIO, log) -> int:
    """Answer frames until end of input (0) or a framing violation (1)."""
    from ecflink import dispatch  # the knowledge loads here, after the caller check
    from ecflink.messages import Error, Pong

    warm = False
    while True:
        try:
            payload = framing.read_frame(frames)
        except framing.FrameError as exc:
            log.error("closing: %s", exc)
            framing.write_frame(out, Error(code=exc.code, message=str(exc)).model_dump(mode="json"))
            return 1
        if payload is None:
            log.info("input closed; exiting")
            return 0
        try:
            reply = dispatch.answer(framing.decode_payload(payload))
        except framing.PayloadError as exc:
            reply = Error(code=exc.code, message=str(exc))
        except Exception as exc:  # a bug must cost one reply, never the host
            from ecflink.logs import failure

            log.error("answering a %d-byte message failed: %s", len(payload), failure(exc))
            reply = Error(code="internal_error", message="ecflink hit an internal error; see the host log")
        if isinstance(reply, Error):
            log.warning("answered %s error to a %d-byte message", reply.code, len(payload))
        try:
            framing.write_frame(out, reply.model_dump(mode="json"))
        except framing.FrameTooLarge as exc:
            log.error("reply not sent: %s", exc)
            framing.write_frame(
                out,
                Error(
                    reply_to=reply.reply_to, code="reply_too_large", message="the reply was too large to send"
                ).model_dump(mode="json"),
            )
        # The port's first message is the background's policy, sent as a court page starts loading;
        # the page's report comes next. A ping alone is a one-off check, whose process ends with it.
        if not warm and not isinstance(reply, Pong):
            warm = True
            try:
                dispatch.warm_up()
            except Exception as exc:  # the report will meet it again, and say so
                from ecflink.logs import failure

                log.error("warming up failed: %s", failure(exc))


def main(argv: list[str] | None = None) -> int:
    accepted, args = split_args(sys.argv[1:] if argv is None else argv)
    # No pydantic plugin another package installed sees the messages, a password among them.
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    out = claim_stdout()
    from ecflink.logs import setup_host_logging
    from ecflink.paths import private_data_dir

    try:
        private_data_dir()
    except OSError:
        pass  # the log says so below, when its folder cannot be written either
    if os.name != "nt":  # a crash must not leave a core file holding a password the host was carrying
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    log = setup_host_logging()
    caller = identify_caller(args, accepted or published())
    if caller is None:
        shown = " ".join(repr(a[:100]) for a in args[:3]) or "(no arguments)"
        log.error("refused to start: caller %s is not an extension this host was installed for", shown)
        print(f"ecflink host: refused: caller {shown} is not an extension this host was installed for", file=sys.stderr)
        return 2
    log.info("started for %s extension %s", caller.browser_family, caller.extension_id)
    try:
        return serve(frames_in(), out, log)
    except BrokenPipeError:
        log.info("browser closed the channel; exiting")
        return 0


if __name__ == "__main__":
    sys.exit(main())
