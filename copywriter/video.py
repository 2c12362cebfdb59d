"""Personalised video scripts from the rules engine: timed scenes that say what is on screen.

Length is what a video script gets wrong most, so narration is sized to the target: at 150 words
per minute a 60-second video holds about 150 words. Each scene starts from its essential sentence;
optional sentences (more of the profile's pains, value props, proof; then plain proposals about how
the work would run) are added in a stable order until the estimate is within a few percent of the
target. Scene timings are then shared out in proportion to the words each scene speaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise, zip_longest

from copywriter.models import Sender, VideoScene, VideoScript
from copywriter.planner import Plan, build_plan
from copywriter.quality import check_quality
from copywriter.text import sentence, strip_end, word_count, words
from intelligence.english import possessive
from schemas import AgentProfile, AnalysisResult, ProspectData

WORDS_PER_MINUTE = 150
MIN_SECONDS, MAX_SECONDS = 30, 180
# Aim inside ±5% so rounding and the last sentence added never push the estimate past ±10%.
_AIM = 0.05

_LAYOUTS: dict[int, tuple[str, ...]] = {
    4: ("intro", "hook", "value", "close"),
    5: ("intro", "hook", "pain", "value", "close"),
    6: ("intro", "hook", "pain", "value", "proof", "close"),
    7: ("intro", "hook", "pain", "value", "proof", "objection", "close"),
}


@dataclass
class _Scene:
    kind: str
    visual: str
    core: list[str]
    extras: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)

    @property
    def narration(self) -> str:
        return " ".join([*self.core, *self.added])


def _scene_count(duration: int) -> int:
    return max(4, min(7, 4 + (duration - 30) // 40))


def _generic(plan: Plan) -> list[str]:
    """Plain proposals about how the work would run: no figures, no names but the prospect's own."""
    ctx = plan.ctx
    ref = ctx.ref
    return [
        f"What I'd suggest is to start small with {ref}, learn what works, and only then scale it up.",
        f"The first step would be a short look at how {ref} reaches its market today.",
        "Every message would be reviewed by your team before anything goes out.",
        "You would see plain reporting on what was sent, who replied and what it led to.",
        "We would agree up front on the numbers that matter to you, and report against them.",
        "Nothing here needs changes to the systems your team already uses.",
        "A small first test would give a clear answer either way.",
        "If this is not useful to you, a one-line reply is enough and I will leave it there.",
        "If something is not working, we would rather find out early and say so plainly.",
        f"The aim is to make {plan.offer_short} feel like part of your own team's work, not another vendor to "
        "manage.",
        "I'd rather show you than tell you, which is why this is a short video and not a long email.",
        "Every message would be written in the language your buyers actually use.",
        "We would keep the volume sensible, so your brand and your sender reputation stay protected.",
        "You stay in control of who is contacted and what is said on your behalf.",
        "We would start with the people most likely to respond, and learn from every reply.",
        "Each week you would get a short summary of what worked and what we would change next.",
        "If the timing is wrong, that is fine too; I would rather ask than assume.",
        f"I have kept this specific to {ref} rather than sending you a generic pitch.",
        "The goal is fewer, better conversations, not more noise in anyone's inbox.",
        "Your team would approve the target list before a single message goes out.",
        "We would test a couple of angles side by side and keep whichever one earns replies.",
        "Anything we learn along the way is yours to keep, whatever you decide next.",
        "I would also share what we would not do, so the boundaries are clear from day one.",
        "Replies come straight to your team, so no conversation gets lost in a handoff.",
        "We would review the results together and decide the next step from there.",
    ]


def _hook_visual(plan: Plan) -> str:
    """What is on screen while the trigger is named: only a source the seller can open and film."""
    ctx, lead = plan.ctx, plan.lead
    topic = plan.topic(lead) if lead else None
    if lead is not None and lead.website and ctx.website:
        return f"Their website ({ctx.website}) on screen, at the part that mentions it"
    if lead is not None and lead.lemma in ("hire", "recruit") and ctx.company:
        return f"{possessive(ctx.company)} careers page with the open roles on screen"
    if topic:
        return f"A slide from {ctx.sender.company} with the {topic} written out in one line"
    if ctx.website:
        return f"Their homepage ({ctx.website}) on screen, scrolling slowly"
    return f"A title card with {ctx.company or 'their company name'} on it"


def _scenes(plan: Plan, count: int) -> list[_Scene]:
    """The scenes of the layout for `count`, with their essential and optional sentences."""
    ctx = plan.ctx
    s = ctx.sender
    first = ctx.first_name
    hello = (
        f"Hi {first}, I'm {ctx.sender_first} from {s.company}."
        if first
        else f"Hi there, I'm {ctx.sender_first} from {s.company}."
    )
    made_for = (
        f"I made this short video for you and the team at {ctx.company}."
        if ctx.company
        else "I made this short video just for you."
    )
    salt = ("video",)
    lead = plan.lead
    hook_core = [
        x
        for x in (
            [plan.fact_sentence(lead, *salt), plan.so_what(lead, *salt)] if lead else [plan.role_line(*salt)]
        )
        if x
    ] or [ctx.pick(_generic(plan), "hook")]
    more_facts = [x for f in plan.facts[1:3] for x in (plan.fact_sentence(f, "video-more"),) if x]
    pains = [x for i in range(len(plan.pains)) if (x := plan.pain_line(i, *salt))]
    values = [plan.offer_line(*salt), *(x for i in range(3) if (x := plan.value_line(i, *salt)))]
    values = list(dict.fromkeys(values))
    proofs = list(dict.fromkeys(x for i in range(len(plan.proofs)) if (x := plan.proof_line(i, *salt))))
    layout = _LAYOUTS[count]
    cta_extra = (
        "The link to my calendar is right below this video."
        if s.calendar_link
        else "Just reply to this message and we will find a time."
    )
    thanks = f"Thanks for watching, {first}." if first else "Thanks for watching."
    build: dict[str, _Scene] = {
        "intro": _Scene(
            "intro",
            f"{s.name} on camera beside their homepage ({ctx.website})"
            if ctx.website and not (lead and lead.website)
            else f"{s.name} on camera, speaking straight to the viewer",
            [hello],
            [made_for],
        ),
        "hook": _Scene("hook", _hook_visual(plan), hook_core, more_facts),
        "pain": _Scene(
            "pain", f"A simple chart on a {s.company} slide: the problem in one line", pains[:1], pains[1:2]
        ),
        "value": _Scene(
            "value", f'{s.name} on camera, with "{plan.offer_short}" as a caption', values[:1], values[1:3]
        ),
        "proof": _Scene(
            "proof",
            f"A simple chart on a {s.company} slide: the one number to judge it by",
            proofs[:1],
            proofs[1:2],
        ),
        "objection": _Scene("objection", f"{s.name} on camera", [x for x in (pains[2:3] or values[3:4]) if x]),
        "close": _Scene(
            "close",
            f"The calendar booking page ({s.calendar_link})"
            if s.calendar_link
            else f'{s.name} on camera, with a "just reply" caption',
            [plan.cta("opener", *salt)],
            [cta_extra, thanks],
        ),
    }
    scenes = [build[kind] for kind in layout]
    for scene in scenes:
        if not scene.core:  # a thin profile: fall back to a generic sentence rather than a silent scene
            scene.core = [ctx.pick(_generic(plan), "empty", scene.kind)]
    # Padding alternates what is left of the profile with plain proposals, so a long video reads as a
    # conversation rather than a list of pains; it goes round the middle scenes in turn.
    middle = [sc for sc in scenes if sc.kind not in ("intro", "close")]
    kinds = [pains[2:], values[3:], proofs[2:], more_facts]
    leftovers = [x for group in zip_longest(*kinds) for x in group if x]
    generic = ctx.order(_generic(plan), "padding")
    padding = [x for pair in zip_longest(leftovers, generic) for x in pair if x]
    for i, extra in enumerate(padding):
        middle[i % len(middle)].extras.append(extra)
    return scenes


def _fit(scenes: list[_Scene], target_words: float) -> None:
    """Add optional sentences (round-robin over scenes, in order) until the total is near the target."""
    low, high = target_words * (1 - _AIM), target_words * (1 + _AIM)
    seen = {x for sc in scenes for x in sc.core}
    total = sum(word_count(x) for sc in scenes for x in sc.core)
    while total > high:  # only with absurd inputs: shorten the longest essential sentence
        scene = max(scenes, key=lambda sc: max(word_count(x) for x in sc.core))
        longest = max(scene.core, key=word_count)
        keep = max(6, word_count(longest) - int(total - target_words))
        scene.core[scene.core.index(longest)] = sentence(strip_end(" ".join(words(longest)[:keep])))
        new_total = sum(word_count(x) for sc in scenes for x in sc.core)
        if new_total == total:
            break
        total = new_total
    queues = [list(sc.extras) for sc in scenes]
    while total < low and any(queues):
        for scene, queue in zip(scenes, queues, strict=True):
            if total >= low or not queue:
                continue
            extra = queue.pop(0)
            if extra in seen or total + word_count(extra) > high:
                continue
            scene.added.append(extra)
            seen.add(extra)
            total += word_count(extra)


def _timings(scenes: list[_Scene], duration: int) -> list[tuple[float, float]]:
    """Start and end of each scene, proportional to its words, tiling [0, duration] exactly."""
    counts = [max(1, word_count(sc.narration)) for sc in scenes]
    total = sum(counts)
    bounds, running = [0.0], 0
    for n in counts[:-1]:
        running += n
        bounds.append(round(duration * running / total, 1))
    bounds.append(float(duration))
    return list(pairwise(bounds))


def generate_video_script_rules(
    profile: AgentProfile,
    prospect: ProspectData,
    analysis: AnalysisResult,
    sender: Sender,
    *,
    duration_seconds: int,
) -> VideoScript:
    """A 30–180 s personalised video script: 4–7 scenes tiling the duration, narration sized to
    within ±10% of it at 150 words per minute, each scene saying what is on screen."""
    if not MIN_SECONDS <= duration_seconds <= MAX_SECONDS:
        raise ValueError(f"duration_seconds must be between {MIN_SECONDS} and {MAX_SECONDS}")
    plan = build_plan(profile, prospect, analysis, sender)
    ctx = plan.ctx
    scenes = _scenes(plan, _scene_count(duration_seconds))
    _fit(scenes, duration_seconds * WORDS_PER_MINUTE / 60)
    timed = [
        VideoScene(start_s=start, end_s=end, visual=sc.visual, narration=sc.narration)
        for sc, (start, end) in zip(scenes, _timings(scenes, duration_seconds), strict=True)
    ]
    narration = "\n".join(sc.narration for sc in timed)
    n_words = word_count(narration)
    quality = check_quality(
        channel="video",
        body=narration,
        subject=None,
        step=1,
        profile=profile,
        prospect=prospect,
        allowed_facts=ctx.allowed_facts,
        sender=sender,
        lint=plan.lint,
        visuals=[sc.visual for sc in timed],
    )
    return VideoScript(
        duration_seconds=duration_seconds,
        scenes=timed,
        word_count=n_words,
        estimated_seconds=round(n_words / WORDS_PER_MINUTE * 60, 1),
        personalisation=ctx.personalisation(narration),
        quality=quality,
    )
