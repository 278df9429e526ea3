"""Questions about the call in everyday words: who is on it ("so who've we actually got on the
line?", "anyone else on?") and how it is going ("any luck?", "he there yet?", "is the other guy
still trying?", "how much time since we started?")."""

from __future__ import annotations

import re

LIST_RE = re.compile(
    r"\bwho(?:'s| is| are| else is|'s all| all is| all are| all's)?\s+"
    r"(?:(?:else|still|now|currently|actually|really|exactly)\s+){0,2}"
    r"(?:on|in|here|there|connected|joined|present|listening|left)\b"
    # "who exactly is on the call now?", "who precisely is here?": the word before the verb
    r"|\bwho\s+(?:exactly|precisely|actually|really|now|all)\s+(?:is|are|'s)\s+"
    r"(?:(?:still|now|currently)\s+)?(?:on|in|here|there|connected|present|listening)\b"
    r"|\bwho(?:'ve| have)? (?:we|you) (?:\w+ )?got\b"  # "who've we actually got"
    # "who have I got on the line?", "who've i got here": the caller's own call (t36 call10)
    r"|\bwho(?:'ve| have| do) i (?:\w+ )?(?:got|have)\s+(?:on|in|here|with)\b"
    # "Ava, who's this on the line with me?", "who's that on the call with us?"
    r"|\bwho(?:'s| is| are)\s+(?:this|that|these|those)\s+(?:on|in)\s+(?:the\s+)?(?:line|call)\b"
    r"|\bwho(?:'s| is| are)\s+(?:here\s+|on\s+)?with\s+(?:me|us)\b"
    r"|\bwho (?:all )?(?:have we (?:still )?got|do we (?:still )?have|ha(?:s|ve) joined"
    r"|joined|else)\b"
    r"|\b(?:is|are) (?:any|every|some)(?:one|body) "
    r"(?:else (?:still )?(?:on|here|there|connected)|on|still (?:on|here|with us))\b"
    # "anybody else still on?", "anyone else on the line?"
    r"|\b(?:any|some)(?:one|body)(?:'s| is)? (?:(?:else|already|still) ){1,2}"
    r"(?:on|here|connected)\b"
    r"|^\W*(?:(?:is|are)\s+)?any(?:one|body) on(?: (?:the|this) (?:call|line))?\W*$"
    # "we've got Priya and Mulder both connected now, yes?": asked about who is on
    r"|\bwe(?:'ve| have)? got\b[^.?!]{1,60}\b(?:both|all)\s+(?:connected|on|here|joined)\b"
    # "is anyone else coming?", "who else is joining us?": who is on, and who still rings
    r"|\b(?:(?:is|are)\s+)?(?:any|some)(?:one|body) else (?:still )?"
    r"(?:coming|joining|due|expected)\b"
    r"|\bwho(?:'s| is| are)? else (?:is |are )?(?:coming|joining|due|expected)\b"
    r"|\broll call\b|\bhow many (?:\w+ )?(?:are|is|people|callers|participants|of us)\b"
    r"|\bparticipants?(?: list)?\W*$"
    r"|\b(?:list|show|name|tell me)\b[^.?!]{0,20}\b(?:people|participants|callers|attendees)\b",
    re.IGNORECASE,
)
# "how long have we been on?", "ava hows long we been on": the call's length
HOW_LONG_RE = re.compile(r"\bhow(?:'s|s)? (?:long|much time)\b", re.IGNORECASE)
STATUS_RE = re.compile(
    r"\bstatus\b|\bhow(?:'s|s)? long\b|\bhow much time\b"
    r"|\bhow(?:'s| is| are)\s+(?:the|my|our|that)\b[^.?!]{0,20}?\bgoing\b"
    r"|\bwhat(?:'s| is)\s+(?:happening|going on)\b|\bwhat (?:happened|was that)\b"
    r"|\bany\s+(?:luck|news|updates?|progress)\b"
    r"|\b(?:is it|still)\s+(?:ringing|dialing|dialling|connecting|calling|going|trying)\b"
    r"|\bupdate\b|^\W*(?:he|she|they)(?:'s|'re| is| are)?\s+(?:there|on|in|through) yet\b"
    r"|\bwhere are we\b|\b(?:has|have|did)\s+(?:joined|connected|answered)\b"
    # "have X on the call?" asks; "I need to have X on the call", "can you have X on" asks for X
    r"|\b(?:is|are|has|(?<!\bto )(?<!\bi )(?<!\bwe )(?<!\bcan )(?<!\bcould )(?<!\bplease )"
    r"(?<!\bcan you )(?<!\bcould you )have"
    r"|did)\s+(?P<t>[\w' .-]{1,40}?)\s+(?:still\s+(?:there|on|here|with us)"
    r"|(?:still\s+)?(?:connected|joined|on the (?:line|call))"
    r"|on yet|in yet|there yet|picked up|pick up|answered|answer|through|ringing|got through"
    # "are they even picking up?" (not "are you picking up what I mean")
    r"|(?<!\byou )(?<!\bu )(?<!you even )(?:even\s+)?(?:picking up|pickin up|answering)"
    r"|get through)\b",
    re.IGNORECASE,
)
