"""Email sequences from the rules engine: an opener on the strongest fact, follow-ups that each bring a
new fact, proof or question, and a breakup that names what the sequence was about.

Every sentence comes from the sentence planner (`copywriter.planner`); this module decides which
sentences each step holds and keeps each body within its word budget.
"""

from __future__ import annotations

import re

from copywriter.angles import GENERIC, words_of
from copywriter.language import flag_language, record_language
from copywriter.models import Purpose, QualityIssue, QualityReport, Sender, Sequence, SequenceStep
from copywriter.observe import kept_why
from copywriter.planner import Plan, _said, build_plan, stands_alone
from copywriter.quality import check_variants, merge_reports
from copywriter.text import localise, paragraphs, word_count
from schemas import AgentProfile, AnalysisResult, ProspectData

DAY_OFFSETS = (0, 3, 7, 12, 18, 25, 33)

# Which message each position holds, by sequence length: the last one is always the breakup (from 3
# steps), and every follow-up brings a new reason to reply rather than "just checking in".
SEQUENCE_PLANS: dict[int, tuple[Purpose, ...]] = {
    1: ("opener",),
    2: ("opener", "bump"),
    3: ("opener", "value", "breakup"),
    4: ("opener", "value", "proof", "breakup"),
    5: ("opener", "value", "proof", "bump", "breakup"),
    6: ("opener", "value", "proof", "bump", "insight", "breakup"),
    7: ("opener", "value", "proof", "bump", "insight", "objection", "breakup"),
}

OPENER_MIN_WORDS, MAX_WORDS, SUBJECT_MAX = 50, 150, 60


def _fit(parts: list[str | None], optional: list[str | None], low: int, high: int) -> list[str]:
    """`parts` plus as many `optional` sentences as keep the text between `low` and `high` words."""
    chosen = [p for p in parts if p]
    for extra in optional:
        if (
            extra
            and extra not in chosen
            and word_count(" ".join(chosen)) < low
            and word_count(" ".join([*chosen, extra])) <= high
        ):
            chosen.append(extra)
    return chosen


def _opener(plan: Plan, salt: tuple[object, ...]) -> tuple[list[str], str]:
    """The strongest fact as a sentence with what it means for this kind of work, one short line on what the
    sender does and the number it is judged on, one question tied to the fact's timing. No opt-out filler,
    no stock results line. A record with no usable fact gets the industry's general observation, said as
    general, and the step is flagged `needs_research` (see `generate_sequence_rules`)."""
    if holding := plan.holding_note():
        # they asked us to come back later: a short note, no pitch (no sender line after a call)
        line, ask = holding
        said = [f"{plan.warm} {line}" if plan.warm else line, "" if plan.after_call else plan.sender_line(*salt)]
        return [p for p in said if p], ask
    lead = plan.lead
    opening = plan.fact_sentence(lead, *salt) if lead is not None else None
    if lead is not None and opening is None:  # the strongest fact cannot be said cleanly: the next one
        lead = next((f for f in plan.facts[1:] if plan.fact_sentence(f, *salt)), None)
        opening = plan.fact_sentence(lead, *salt) if lead is not None else None
    cta = plan.opener_cta(lead, *salt)
    first: list[str | None]
    # A lead with no date and a second fact with one ("Deliveroo exclusivity contract ends in June"): the dated
    # fact is said too, and the question is asked before that date.
    dated = (
        next((f for f in plan.facts if f is not lead and plan.date_core(f)), None)
        if lead is not None and not plan.date_core(lead)
        else None
    )
    dated_line = plan.fact_sentence(dated, "also", *salt, also=True) if dated is not None else None
    # the dated fact's own "so what", when it reads on its own ("A new location opens with an empty schedule"); one
    # that points back at a figure ("Many of those app orders ...") needs the figure in its fact
    dated_why = plan.consequence(dated) if dated is not None and dated_line else None
    if dated_why and not stands_alone(dated_why):
        dated_why = None

    def joinable(line: str | None) -> str | None:
        """The lead's sentence and the dated one as one sentence, when they read as one ("... is tendering for a
        new platform, and your Deliveroo exclusivity contract ends in June."); never after "Congrats on ..."."""
        if not (line and opening) or opening.startswith("Congrats") or len(line.split()) > 14:
            return None
        if not line.startswith(("Your ", "You ", "You're ")):
            return None
        if re.search(r" and (?:you|your|it|they)\b|, and ", f"{opening} {line}"):
            return None  # a clause already joined makes a run-on ("..., and you're also opening X and you need Y")
        joined = f"{opening[:-1]}, and {line[0].lower()}{line[1:]}"
        return joined if plan.ok(joined) else None

    if dated_line and opening and not dated_why and len(dated_line.split()) > 7 and not joinable(dated_line):
        # on a line of its own a longer second fact needs its own "so what", or it reads tacked on; a short one
        # only sets the question's date ("You're also reopening in June.")
        dated_line = None
    if dated is not None and dated_line:
        cta = plan.opener_cta(dated, *salt)
    elif lead is not None and (budget := plan.budget_ask()):
        cta = budget  # "Wants to grow direct bookings in 2027 budget": asked before that budget is set
    # a wait they asked for ("not until after the EHR migration"): offered then, not pitched now; else the next
    # step they named, before their own date ("... before the Q1 budget lock?")
    cta = (
        plan.later_ask()
        or plan.promise_ask()  # a deal under way: the next step after what we owe them
        or (plan.wants_ask() if lead is not None or plan.warm else None)
        or plan.booked_ask()  # a meeting is set: what to bring to it
        or plan.decider_ask()  # someone else decides: bring them in, or send what the reader can take to them
        or cta
    )
    objection = plan.objection_line() if lead is None else None
    merged = plan.size_observation(lead) if lead is not None and opening is not None else None
    if merged is not None:
        opening = merged[0]  # the size said inside what is true of the trade, not told back to the reader
    if lead is not None:
        why = (
            (merged[1] if merged is not None else None)
            or plan.why_restated(lead)
            or plan.size_so_what(lead)
            or plan.consequence(lead)
            or plan.linked_so_what(lead, *salt)
            or (kept_why(plan, opening) if opening else None)  # a tool they keep: what the offer adds beyond it
            or plan.so_what(lead, *salt)
        )
        first = [opening, why]
        joined = joinable(dated_line)
        shared = bool(
            dated_why and why and len(set(dated_why.split()) & set(why.split())) > len(dated_why.split()) / 3
        )
        if shared:
            dated_why = None  # it would say the lead's "so what" again
        if dated_line and shared and not joined:
            first = [opening, dated_line, why]  # one "so what" for both facts, said after both
        elif dated_line and dated_why:
            first += [dated_line, dated_why]  # the second fact with its own "so what"
        elif joined:
            first = [joined, why]  # one sentence for the two facts
        elif dated_line:
            first.append(dated_line)  # short: it only sets the question's date
        more = next(
            (f for f in plan.facts if f is not lead and f is not dated and not (opening and _said(f, opening))),
            None,
        )
        # the first of the other facts that joins the lead's news as a job ad for the offer's own work
        joins = (
            ((f, plan.with_hire(opening, lead, f)) for f in plan.facts if f is not lead and f is not dated)
            if opening and first[0] == opening
            else ()
        )
        hire, with_hire = next(((f, line) for f, line in joins if line), (None, None))
        if with_hire:
            first[0] = (
                with_hire  # "... completed its $48M renovation and is now hiring a Player Reactivation Analyst."
            )
            more = next((f for f in plan.facts if f not in (lead, dated, hire) and not _said(f, with_hire)), None)
            if hire is not None and not first[1]:
                # the news has no "so what" of its own: the hire's ("Congrats on launching catering in 12 units,
                # and I see you're now hiring a Loyalty Program Manager." ended there; a tuning reader: two facts,
                # no point)
                first[1] = plan.consequence(hire) or plan.so_what(hire, *salt)
        with_figure = (
            plan.with_figure(opening, lead, more)
            if more is not None and opening and first[0] == opening and not with_hire
            else None
        )
        # after a call, a second figure of theirs (said only when it can take the place of the lead's "so what")
        told = told_why = None
        if (
            not with_figure
            and first == [opening, why]
            and more is not None
            and plan.after_call
            and more.field == "notes"
            and re.search(r"\d", more.text)
        ):
            told = plan.fact_sentence(more, "also", *salt, also=True)
            told_why = plan.consequence(more) if told else None
        if with_figure:
            # news and a figure of theirs in one sentence: "... is launching a loyalty app in Q2, with
            # third-party delivery at about 34% of sales."
            first[0] = with_figure
        elif told and told_why and first == [opening, why] and told_why != why:
            # after a call, their second figure with its own "so what" says more than the industry's line about
            # the first (tuning readers of holdout21: "skips the $140M in CDs maturing in January" for "Deposits
            # from local households ... tend to stay longer")
            first = [opening, told, told_why]
        elif more is not None and not plan.consequence(lead) and not plan.why_restated(lead):
            # a second fact with its own "so what"; without one only when the lead has none either ("You also
            # announced a 400-game slot floor expansion." after the lead's "so what" read as tacked on)
            also_line = plan.fact_sentence(more, "also", *salt, also=True)
            also_why = plan.consequence(more) if also_line else None
            if also_line and also_why:
                first += [also_line, also_why]
            elif also_line and not why:
                first.append(also_line)
        used = word_count(" ".join(p for p in [*first, plan.sender_line(*salt), cta] if p))
        # short: a second fact, then a pain the offer is true to; a stock "judge it on one number" line only last
        # (the sender line already names the number), and only to reach the word floor
        floor = OPENER_MIN_WORDS + (1 if plan.angles is not None else 9)  # no industry knowledge: a fuller body
        if used < floor:
            also = plan.fact_sentence(more, "also", *salt, also=True) if more is not None else None
            also_why = plan.consequence(more) if more is not None and also else None
            echo = bool(
                also_why and why and len(set(also_why.split()) & set(why.split())) > len(also_why.split()) / 3
            )
            paired = f"{also} {also_why}" if also and also_why and not echo else None
            # a pain only when it is about what the fact is about (no OTA commissions for new meeting space)
            pain = plan.pain_line(plan.voice, *salt)
            if pain and not (words_of(pain) & words_of(lead.text)) - GENERIC:
                pain = None
            # with a "so what" of the lead's own, a stock pain or value line after it reads as a second, unrelated
            # point (blind readers cut "The catch is usually that AEs spend their time prospecting ..."): only a
            # second fact with its own "so what" may follow
            stock = not why
            extra = [
                # a second fact only with its own "so what": a bare "You're also ..." reads as tacked on
                None if also in first else paired,
                pain if stock else None,
                plan.value_line(0, *salt) if stock else None,
                # the sender line already names the one number: no second "one number" line
                None if plan.judged else plan.proof_line(0, *salt),
                # an agent with no industry knowledge has little else to reach the floor with
                *(plan.process_lines(*salt) if plan.angles is None else []),
            ]
            first = [
                *_fit(
                    first,
                    [x for x in extra if x and x not in first and x != why],
                    floor - used + word_count(" ".join(p for p in first if p)),
                    100,
                )
            ]
            # with industry knowledge, a stock "a small test would settle it" after a fact reads as a non sequitur
            # (blind readers cut it every time): a short email is better than a filler line
    elif objection:
        # a doubt they told us about is answered, not met with the industry's stock observation
        first = [objection]
    else:
        seen = plan.observation()
        first = list(seen[1]) if seen is not None else [plan.opening_pain(*salt) or plan.role_note(*salt)]
    # an objection line already names the one number the work is judged on
    p2 = plan.sender_line(*salt, plain=lead is None and objection is not None)
    if plan.stack_line and any(t in " ".join(x for x in first if x) for t in plan.stack_tools):
        p2 = p2.replace(f" {plan.stack_line}", "")  # the opening already named their Dentrix: not said twice
    if lead is None and plan.observation() is None:
        # No fact and no industry observation (an agent without copy angles): the profile's offer-true pains
        # and value, said as what peers report, up to the opener's word floor.
        used = word_count(" ".join(p for p in [*first, p2, cta] if p))
        said = " ".join(p for p in first if p).lower().split()
        fresh: list[str | None] = []
        for x in (
            plan.pain_line(0, *salt),
            plan.value_line(0, *salt),
            plan.pain_line(1, *salt),
            plan.proof_line(0, *salt),
            *plan.process_lines(*salt),
        ):
            # a pain already said in other words ("The catch is ..." / "What tends to get in the way ...")
            if x and len(set(x.lower().split()[-6:]) - set(said)) > 1:
                fresh.append(x)
                said += x.lower().split()
        first += _fit(
            [],
            fresh,
            OPENER_MIN_WORDS + 12 - used,
            110 - used,
        )
        if word_count(" ".join(p for p in [*first, p2, cta] if p)) < OPENER_MIN_WORDS + 9:
            first[:0] = [
                "I'd rather ask than guess at your numbers, so this is a short note.",
                "Here is what we do, and one question.",
            ]
    # earlier contact comes first: "Good to meet you at MGMA.", "Thanks for the time on Zoom on the 19th."
    warm = plan.warm
    if (
        warm
        and plan.told_in_person
        and lead is not None
        and lead.field == "notes"
        and first
        and first[0]
        and first[0].startswith("Your ")
        and plan.ok(told := f"You mentioned that y{first[0][1:]}")
    ):
        # a figure from the notes of a meeting or a call is theirs, said back as what they told us
        first[0] = told
    if warm and not any(p and p.startswith(("When you spoke", "Good to meet")) for p in first):
        first.insert(0, warm)
    if promise := plan.promise_line():
        # what we owe them, said as a commitment; after a meeting or a call they know who we are
        p2 = promise if plan.told_in_person or plan.meeting_ahead or plan.after_call else f"{p2} {promise}"
    elif plan.after_call:
        p2 = ""
    p1 = " ".join(p for p in first if p)
    if lead is not None:
        plan.used.add(lead.raw)
        plan.mark_said(p1, *plan.facts)
    return [p for p in (p1, p2) if p], plan.framed_ask(cta)


def _value(plan: Plan, salt: tuple[object, ...]) -> tuple[list[str], str]:
    cta = plan.cta("value", *salt)
    fact = plan.unsaid()  # a fact step 1 did not say ("each follow-up brings a new fact")
    if fact is not None:
        plan.used.add(fact.raw)
        # the new fact with what it means for this kind of work, like step 1's
        why = plan.consequence(fact) or plan.linked_so_what(fact, *salt) or plan.so_what(fact, *salt)
        lines = [plan.fact_sentence(fact, *salt), why]
        more = [plan.value_line(1, *salt)]
    else:
        lines = [plan.pain_line(1, *salt) or plan.pain_line(0, *salt)]
        more = [plan.value_line(1, *salt), plan.proof_line(1, *salt)]
    return [" ".join(p for p in lines if p), " ".join(p for p in more if p)], cta


def _proof(plan: Plan, salt: tuple[object, ...]) -> tuple[list[str], str]:
    cta = plan.cta("proof", *salt)
    proof = plan.proof_line(0, *salt)
    test = plan.pick(
        [
            f"The simplest way to find out is a small test at {plan.ref}, judged on that number alone.",
            "A small first test would show it either way, without a long commitment.",
            "If it doesn't move that number, you'll have a clear answer and nothing to unwind.",
        ],
        "test",
        *salt,
    )
    if proof is None:
        proof = plan.value_line(2, *salt) or plan.offer_line("proof", *salt)
    return [" ".join([proof, test])], cta


def _bump(plan: Plan, salt: tuple[object, ...]) -> tuple[list[str], str]:
    cta = plan.cta("bump", *salt)
    fact = plan.unsaid() or plan.lead
    if fact is not None:
        plan.used.add(fact.raw)
        line = plan.fact_sentence(fact, "bump", *salt) or ""
        line = " ".join(p for p in [line, plan.so_what(fact, "bump", *salt)] if p)
    else:
        line = plan.pain_line(2, *salt) or plan.offer_line("bump", *salt)
    return [line], cta


def _insight(plan: Plan, occurrence: int, salt: tuple[object, ...]) -> tuple[list[str], str]:
    cta = plan.cta("value", "insight", *salt)
    lines = [plan.pain_line(2 + occurrence, *salt), plan.value_line(2 + occurrence, *salt)]
    if not any(lines):
        lines = [plan.offer_line("insight", *salt)]
    return [" ".join(p for p in lines if p)], cta


def _objection(plan: Plan, occurrence: int, salt: tuple[object, ...]) -> tuple[list[str], str]:
    from copywriter.lint import lint_sentence

    cta = plan.cta("value", "objection", *salt)
    for item in plan.ctx.objections[occurrence:] + plan.ctx.objections[:occurrence]:
        objection = item.objection.strip().rstrip(".")
        response = item.response.strip()
        if any(f.severity == "hard" for s in response.split(". ") for f in lint_sentence(s, plan.lint)):
            continue
        line = plan.pick(
            [
                f'A fair worry would be "{objection}." {response}',
                f'If your first thought is "{objection}," that\'s reasonable. {response}',
            ],
            "obj",
            *salt,
        )
        return [line], cta
    return _insight(plan, occurrence, salt)


def _breakup(plan: Plan, salt: tuple[object, ...]) -> tuple[list[str], str]:
    cta = plan.cta("breakup", *salt)
    topic = plan.topic(plan.lead) if plan.lead else None
    if topic and topic.lower().startswith("the "):
        topic = topic[4:]  # "the {topic}" below: never "the the 58% OEE"
    out, ref = plan.outcome, plan.ref
    options = [
        f"I'll leave it here for now. If {out} comes up at {ref}, a one-line reply is enough and I'll pick it up.",
        "I won't keep writing. If the timing is better later in the year, reply any time and I'll start from "
        "where we left off.",
        f"Last note from me on this. If {out} moves up the list at {ref}, you know where to find me.",
        f"I'll assume the timing isn't right and leave it there. The offer to size it for {ref} stands.",
    ]
    if topic and plan.lead is not None and plan.lead.lemma not in ("hire", "recruit", "appoint"):
        options += [
            f"I'll stop writing about the {topic}. If {out} becomes a priority, reply and I'll pick it up.",
            f"I'll leave the {topic} with you. If it would help to talk it through later, just reply.",
        ]
    return [plan.pick(options, "breakup", *salt)], cta


def _body(plan: Plan, purpose: str, occurrence: int, salt: tuple[object, ...]) -> tuple[str, str]:
    """The body and the CTA of one step."""
    ctx = plan.ctx
    if purpose == "opener":
        parts, cta = _opener(plan, salt)
    elif purpose == "value":
        parts, cta = _value(plan, salt)
    elif purpose == "proof":
        parts, cta = _proof(plan, salt)
    elif purpose == "bump":
        parts, cta = _bump(plan, salt)
    elif purpose == "objection" and ctx.objections:
        parts, cta = _objection(plan, occurrence, salt)
    elif purpose == "breakup":
        parts, cta = _breakup(plan, salt)
    else:
        parts, cta = _insight(plan, occurrence, salt)
    ask = paragraphs(ctx.calendar_line(), cta) if purpose in ("value", "proof") else cta
    where = ctx.prospect.location
    parts, ask = [localise(p, where) for p in parts], localise(ask, where)
    body = paragraphs(ctx.greeting(), *parts, ask, ctx.signature(*salt))
    return body, ask


def _needs_research(report: QualityReport) -> QualityReport:
    """Step 1 written without a prospect-specific fact: a visible soft issue, so a user researches first."""
    issue = QualityIssue(
        code="needs_research",
        severity="soft",
        detail="no prospect-specific fact in the record; this opener is general, research the "
        "prospect before sending",
    )
    return report.model_copy(update={"issues": [*report.issues, issue], "score": max(0, report.score - 10)})


def _weakest(reports: list[QualityReport]) -> QualityReport:
    return min(reports, key=lambda r: (r.passed, r.score))


def generate_sequence_rules(
    profile: AgentProfile,
    prospect: ProspectData,
    analysis: AnalysisResult,
    sender: Sender,
    *,
    steps: int = 4,
    subject_variants: int = 2,
    tone: str | None = None,
) -> Sequence:
    """A 1–7 step cold email sequence with A/B subjects, written offline by the sentence planner.

    Deterministic: the same inputs always give the same sequence. Each step is quality-checked; a
    step's report is that of its weakest subject variant, and the sequence's is its weakest step's.
    """
    if not 1 <= steps <= 7:
        raise ValueError("steps must be between 1 and 7")
    if not 1 <= subject_variants <= 5:
        raise ValueError("subject_variants must be between 1 and 5")
    plan = build_plan(profile, prospect, analysis, sender, tone)
    language = record_language(prospect)
    ctx = plan.ctx
    out: list[SequenceStep] = []
    seen: dict[str, int] = {}
    for index, purpose in enumerate(SEQUENCE_PLANS[steps]):
        number = index + 1
        if purpose == "objection" and not ctx.objections:
            purpose = "insight"
        occurrence = seen.get(purpose, 0)
        seen[purpose] = occurrence + 1
        salt: tuple[object, ...] = ("email", number, purpose)
        body, cta = _body(plan, purpose, occurrence, salt)
        # a subject names only what its own body says; a follow-up that says no fact of its own replies in step 1's
        # thread (its subject), never under a fact it does not mention ("the pilot" over a note about one number)
        subjects = plan.subjects(purpose, subject_variants, number, body)
        if out and purpose != "opener" and set(subjects) <= set(plan.stock_subjects(purpose)):
            subjects = list(out[0].subject_variants)
        reports = check_variants(
            channel="email",
            body=body,
            subjects=list(subjects),
            step=number,
            profile=profile,
            prospect=prospect,
            allowed_facts=ctx.allowed_facts,
            sender=sender,
            lint=plan.lint,
        )
        if purpose == "opener" and plan.lead is None:
            reports = [_needs_research(r) for r in reports]
        reports = [flag_language(r, language) for r in reports]
        out.append(
            SequenceStep(
                step=number,
                day_offset=DAY_OFFSETS[index],
                purpose=purpose,
                subject_variants=subjects,
                body=body,
                cta=cta,
                personalisation=ctx.personalisation("\n".join([*subjects, body])),
                quality=_weakest(reports),
            )
        )
    quality = merge_reports([s.quality for s in out], [f"step {s.step}" for s in out])
    return Sequence(steps=out, quality=quality)
