"""Questions a caller asks rather than requests: what a transfer does ("will I lose you if you
transfer me?"), whether the agent is still there, whether the read-back waiting is a transfer
or an add ("you're transferring me, right?"), and saying they will key a number."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# A caller asking whether they have reached support ("is this the right line for tech support?",
# "am I through to support?", "do you do tech support?")
RIGHT_LINE_RE = re.compile(
    r"\b(?:is|am)\s+(?:this|i)\s+(?:in\s+|at\s+|on\s+|calling\s+)?(?:the\s+)?(?:right|correct)"
    r"\s+(?:line|number|place|department|desk|people|team)\b"
    r"|\b(?:have|did)\s+i\s+(?:got|get|reached|reach|come\s+to|dialled|dialed|called)\s+(?:the\s+)?"
    r"(?:right|correct)\s+(?:line|number|place|department|desk|people|team)\b"
    r"|\bam\s+i\s+through\s+to\b|\bis\s+this\s+(?:the\s+)?(?:tech(?:nical)?\s+|it\s+)?support\b"
    r"|\bdo\s+you\s+(?:guys\s+|all\s+|folks\s+)?(?:do|handle|deal\s+with|offer)\s+(?:tech(?:nical)?\s+|it\s+)?support\b"
    # "can you tell me whether this line is for billing problems also?"
    r"|\b(?:is\s+)?this\s+(?:line|number)\s+(?:is\s+)?(?:also\s+)?(?:for|handles?|deals?\s+with)\b"
    # "I was told to call this number to set up the review call, is that right?"
    r"|\bis\s+(?:that|this)\s+(?:right|correct)\s*\?",
    _I,
)
# A caller asking whether they have reached the conference line: "is this the conference line?",
# "am I through to the conference call service", "have I got the conference number"
CONFERENCE_LINE_RE = re.compile(
    r"\b(?:is\s+this|this\s+is|am\s+i\s+(?:on|at|through\s+to|thru\s+to|in)|(?:have|did)\s+i"
    r"\s+(?:got|get|reached|reach|dialled|dialed|called))\s+(?:the\s+|a\s+)?(?:conference"
    r"|conference\s+call|group\s+call|conf)\s+(?:line|number|service|desk|bridge)\b",
    _I,
)

# A question about what a transfer does, not a request for one: "will I lose you if you
# transfer me?", "what happens if you transfer me?", "can I come back after a transfer?"
TRANSFER_QUESTION_RE = re.compile(
    r"\b(?:if|what happens|when|after)\b[^.!?]{0,40}\btransfer"
    # not "transfer me to him, I dont need to stay on here": a request, no question
    r"|\btransfer\w*\b[^.!?]{0,40}\b(?<!n't need to )(?<!dont need to )(?<!no need to )"
    r"(?<!n't want to )(?<!dont want to )(?:lose you|come back|stay on|still be|get back)\b"
    r"|\b(?:lose you|come back to you|stay on the line|get back to you)\b[^.!?]{0,40}\btransfer"
    r"|\b(?:can|could|will|would) i (?:be able to )?(?:come back|get back|return) to you\b"
    r"|\bwhat happens (?:to you|to me|next|after(?:wards)?|then)\b"
    # "will you stay on the line with me or is it just them?"
    r"|\b(?:will|would) (?:you|u|ya) (?:still )?stay (?:on (?:the line|the call) )?with me\b"
    r"[^.!?]{0,30}\bor\b"
    r"|\b(?:do|will|can|could) i (?:come|get|go) back (?:here|to you)\b"
    r"|\b(?:do|will|would|could|am|is) (?:i|that|it) (?:going to |gonna )?(?:lose|be losing|mean"
    r" i lose) you\b|\bi'(?:ll|m gonna|m going to) lose you\b",
    _I,
)
# A question whether the agent hangs up, leaves or ends the call ("once he's on do you hang up on
# me?", "will I still be able to talk to you afterwards?"): answered as what a transfer does,
# never taken as the caller's goodbye ("can you end the call?" stays a request).
LEAVING_QUESTION_RE = re.compile(
    r"\b(?:do|does|did)\s+(?:you|u|ya|it|that|this|the call)\s+(?:\w+\s+){0,2}?(?:hang(?:s)? up"
    r"|end|leave|drop(?:s)? (?:off|out|me)|disconnect|go(?:es)? away|cut (?:me )?off)\b"
    r"|\b(?:will|would|are|is)\s+(?:you|u|ya|it|that|this|the call)\s+(?:(?:going to|gonna|then"
    r"|just|still|also)\s+)*(?:hang up on me|leave me|leave|drop (?:off|out|me)|disconnect me"
    r"|cut me off|end (?:then|after(?:wards)?|too)|go away|(?:be )?gone)\b"
    r"|\b(?:will|would|can|could|do|am)\s+i\s+(?:(?:still|then|also)\s+)*(?:be able to\s+)?"
    r"(?:(?:talk|speak) (?:to|with) you|reach you|have you|be (?:cut off|hung up on|disconnected"
    r"|dropped))\b"
    # "will i get cut off if u do that", "am I gonna be dropped if you transfer me", "will my
    # call drop if you do that": the same question, never a removal of "cut"
    r"|\b(?:will|would|do|does|am|is)\s+(?:i|my call|the call|this call)\s+(?:(?:still|then|also"
    r"|just)\s+)*(?:(?:gonna|going to)\s+)?(?:get|be|be getting|getting)\s+(?:cut off|cut out"
    r"|hung up on|disconnected|dropped|kicked off|kicked out|booted)\b"
    r"|\b(?:will|would|does)\s+(?:my|the|this)\s+call\s+(?:just\s+)?(?:drop|cut out|cut off"
    r"|disconnect)\b[^.!?]{0,30}\bif\b",
    _I,
)
# The caller asks whether the agent is still with them ("are you still there with me?").
PRESENCE_RE = re.compile(
    r"\b(?:are|r) (?:you|u) (?:still )?(?:there|here|with me|on the line)\b|\b(?:are|r) (?:you|u)"
    r" still on\b|(?:^|[,.!?]\s*)(?:(?:hello|hi|um|uh)\W+)?(?:you|u) (?:still )?(?:there|with me)\b"
    r"|\bis (?:anyone|anybody) (?:still )?there\b"
    # "can you still hear me?" to the host, never "Amir, can you hear me?" to another
    r"|(?:^|[.!?]\s*)(?:(?:hello|hi|hey|ok(?:ay)?|um|uh|ava|so)\W+)*(?:can|could) (?:you|u|ya)"
    r" (?:still )?hear me\b",
    _I,
)
# A question whether the read-back waiting is a transfer or an add, with what the caller
# takes it to be: "you're transferring me, right? not adding them?" / "he's joining this call
# though, isn't he? My colleague stays on?"
PURPOSE_QUESTIONS = (
    (
        "transfer",
        re.compile(
            r"\b(?:you're|you are|you'll|you will|you)\s+(?:transferring|transfer|putting me"
            r" through|connecting me)\b|\bnot adding (?:them|him|her)\b|\bthis is a transfer\b",
            _I,
        ),
    ),
    (
        "add",
        re.compile(
            r"\b(?:he's|she's|they're|he is|she is|they are|they'll|he'll|she'll)\s+(?:joining"
            r"|being added|added|coming on)\b|\b(?:i|we|my \w+|everyone)\s+(?:stays?|remains?)"
            r" on\b|\bi'm not (?:leaving|going anywhere)\b|\bnot transferring me\b",
            _I,
        ),
    ),
)
# Said as a question: a "?" or a tag ("..., right", "..., isn't he").
_QUESTION_RE = re.compile(
    r"\?|\b(?:right|yeah|yes|correct|isn't (?:he|she|it|that)|aren't they)\W*$", _I
)
# "I'll type it in then", "let me key it in": the caller will key the number.
KEYS_IN_RE = re.compile(
    r"\b(?:i'll|i will|let me|lemme|can i|i'd rather|i can|i'll just|i could|i'm (?:going to"
    r"|gonna))\s+(?:just\s+)?(?:type|key|punch|enter|tap)(?:\s+(?:it|that|the number|them"
    r"|the digits))?(?:\s+in)?\b",
    _I,
)


def asks_purpose(t: str) -> str | None:
    """What a question takes the read-back waiting to be: "transfer", "add", or None."""
    if not _QUESTION_RE.search(t):
        return None
    return next((purpose for purpose, r in PURPOSE_QUESTIONS if r.search(t)), None)


# Cities abroad, by the names callers use ("a london number", "he is in london"); none that is
# also a first name (Sydney, Paris): "bring in Sydney" is a person
_CITIES = (
    r"(?:london|manchester|edinburgh|glasgow|dublin|berlin|munich|frankfurt|hamburg|madrid"
    r"|barcelona|rome|milan|amsterdam|brussels|zurich|geneva|vienna|stockholm|oslo|copenhagen"
    r"|lisbon|warsaw|prague|tokyo|beijing|shanghai|hong kong|singapore|mumbai|delhi|bangalore"
    r"|dubai|toronto|vancouver|montreal|mexico city|sao paulo|são paulo|melbourne|lagos|nairobi)"
)
# What the host may dial, asked ("can you dial people in from outside the US?", "if I gave you
# a UK number would that work?"): answered from the dial policy, never a request to dial.
REGIONS_QUESTION_RE = re.compile(
    r"\b(?:can|could|would|will|do|does|if|is|are)\b[^.!?]{0,60}(?:\boutside (?:the )?(?:us|usa"
    r"|u\.s\.?|states|country)\b|\babroad\b|\boverseas\b|\binternational|\bforeign\b|\bother "
    r"countr|\b(?:uk|british|german|french|canadian|mexican|european|irish|indian) (?:number|phone"
    r"|mobile|cell)|\b(?:which|what) countr|\b(?:in|to|from) (?:the )?(?:uk|britain|great britain"
    r"|england|scotland|wales|ireland|europe|germany|france|spain|italy|canada|mexico|india"
    r"|australia|japan|china|brazil|asia|africa)\b|\b"
    + _CITIES
    + r" (?:numbers?|phones?|mobiles?|cells?|lines?|landlines?)\b)|\b(?:which|what) countries\b"
    # "is there a way to get him on? he is in london": asked (a "?"), never "a conference with my
    # partner in Hamburg", a need told
    r"|^(?=.*\?).*?\b(?:can|could|would|will|do|does|if|is|are)\b[^.!?]{0,60}\bin "
    + _CITIES
    + r"\b",
    _I,
)
# The host asked to record the call ("can you record the call?", "is it possible to record
# this call?", "could we get a recording of this?"): it cannot. Never "is this call recorded?",
# which asks what it cannot know (nlu/outside.py)
RECORDING_ASKED_RE = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|ya|we|i)\s+(?:please\s+|pls\s+|also\s+|maybe\s+)*"
    r"(?:record|(?:get|have)\s+(?:a\s+)?recording)\b|\bpossible\s+to\s+(?:record|get\s+a\s+recording)"
    r"\b|\bstart\s+(?:the\s+)?recording\b|\b(?:please|pls)\s+record\b|^\W*record\s+(?:this|the|our)"
    r"\b|\b(?:send|give)\s+(?:me|us)\s+(?:a\s+)?recording\b",
    _I,
)
# "is there anyone i can talk to about international calling then", "can somebody help me with
# calling abroad": a person asked for about a matter, none named: support is offered
SOMEONE_ABOUT_RE = re.compile(
    r"\b(?:any|some)\s?(?:one|body)\s+(?:(?:i|we)\s+(?:can|could)\s+)?(?:talk|speak|ask)\s+"
    r"(?:to\s+|with\s+)?about\b|\b(?:any|some)\s?(?:one|body)\s+(?:who|that)\s+(?:can|could)"
    r"\s+help\s+(?:me\s+)?with\b",
    _I,
)
# "are you a real person or a bot?": the host says it is an automated assistant.
BOT_QUESTION_RE = re.compile(
    r"\b(?:are|r) (?:you|u|ya) (?:a |an )?(?:real|human|person|bot|robot|machine|ai|computer"
    r"|automated|recording)\b|\b(?:am i|i'm) (?:talking|speaking) (?:to|with) (?:a |an )?(?:real"
    r"|human|person|bot|robot|machine|ai|computer)\b",
    _I,
)
# Whether the destination read back is a person: "is that a real person? I don't want another
# machine", "will I get an actual human?" (asked only while a read-back waits)
PERSON_QUESTION_RE = re.compile(
    r"\b(?:is|will|would)\s+(?:that|it|this|he|she|they|i\s+(?:get|reach|talk to|speak to))"
    r"\s+(?:be\s+)?(?:a\s+|an\s+)?(?:real|actual|live)\s+(?:person|human|people)\b"
    r"|\b(?:is|are)\s+(?:that|it|this|he|she|they)\s+(?:a\s+)?(?:person|human)\b"
    r"|\b(?:don'?t|do not)\s+want\s+(?:another|a|an|some)\s+(?:other\s+)?(?:machine|robot|bot"
    r"|recording|menu)\b",
    _I,
)
# What the host can do, asked in general, no one named: "can you transfer calls to other
# numbers?", "can you do transfers?", "do you do conference calls?"; and "but can you?" after it
CAPABILITY_QUESTION_RE = re.compile(
    r"\b(?:can|could|do|are)\s+(?:you|u)\s+(?:(?:guys|folks|all|even|also|actually|able\s+to)\s+)*"
    r"(?:do|handle"
    r"|make|set\s+up|transfer|forward|put\s+through|connect|dial|add)\s+(?:transfers|calls"
    r"|(?:conference|phone|international)\s+calls|conferences|people|numbers)\b"
    # "can you actually dial other people into a call for me?", "are you able to conference
    # people in?": people unnamed (never "can you add Dana?")
    r"|\b(?:can|could|do|are) (?:you|u|ya) (?:actually |really |even |also |be able to |able to )*"
    r"(?:dial|call|ring|add|bring|conference|patch|connect|get|put|join|loop)\b"
    # (never a desk's people: "can you put me to the support people?" asks for support)
    r"[^.!?]{0,20}?\b(?<!support\s)(?<!sales\s)(?<!billing\s)(?<!tech\s)(?<!\bit\s)(?<!service\s)"
    r"(?<!accounts\s)(?:other people|people|others|folks|more people|several people"
    r"|multiple people|a few people|someone else|anyone else"
    r"|more than (?:one|1)(?: person)?|(?:two|three|2|3) (?:people|persons|at once))\b[^.!?]*\?",
    _I,
)
# Whether the host can put the caller through to someone, no one named: "can you connect me
# to a specific person?", "could you put me through to someone?"
ANYONE_QUESTION_RE = re.compile(
    r"\b(?:can|could|do|will|would)\s+(?:you|u|ya)\s+(?:(?:actually|also|even|be\s+able\s+to)\s+)*"
    r"(?:connect|put|transfer|patch|get|send)\s+(?:me\s+)?(?:through\s+)?(?:to|with)\s+"
    r"(?:a\s+(?:specific|particular|certain|real|named)\s+(?:person|someone|individual)|someone"
    r"|somebody|a\s+person|anyone|anybody)(?:\s+(?:specific|in\s+particular))?\W*\?",
    _I,
)
# "is this where I set up a conference call?", "is this the line where I can get a few people
# together on one call?": whether the host does it, asked as whether this is the place
PLACE_FOR_IT_RE = re.compile(
    r"\bis\s+(?:this|it\s+here)\s+(?:the\s+(?:right\s+)?(?:line|place|number|service)\s+)?"
    r"(?:where|for|to)\b[^.!?]{0,40}?\b(?:conference|call|people\s+together)",
    _I,
)
# "does it cost anything?", "how much is this?", "is it free?", "are there any charges?"
COST_QUESTION_RE = re.compile(
    r"\b(?:does|will|would|is|do)\s+(?:it|this|that|the\s+call|calling|they|i\s+pay)"
    r"(?:\s+(?:going\s+to|gonna|\w+))?\s+(?:cost(?:ing)?|charg(?:e|ing)|free)\b|\bhow\s+much\s+(?:does|will|is|would|do)\b"
    r"|\b(?:any|extra)\s+(?:charges?|costs?|fees?)\b|\bcosts?\s+(?:money|anything|extra)\b"
    # "is there a charge for being transferred?", "will I be charged for that?", "do you charge
    # for transfers?", "what does a transfer cost?"
    r"|\b(?:is|are)\s+there\s+(?:a\s+|an\s+|any\s+)?(?:charge|fee|cost|price)s?\b"
    r"|\b(?:will|would|am|do|does|is)\s+(?:i|me|we)\s+(?:(?:get|be|being|going\s+to\s+be"
    r"|gonna\s+be)\s+)?(?:charged|billed|paying|pay(?:\s+for|\s+extra|\s+anything))\b"
    r"|\b(?:do|will|would)\s+(?:you|u|ya|they)\s+charge\b"
    r"|\bwhat\s+(?:does|will|would)\s+(?:it|this|that|a\s+transfer|the\s+transfer)"
    r"\s+cost\b",
    _I,
)
# "how much r they" (the seats just named), "what's the price per seat?": a price asked of the
# host, answered as the cost is ("I can't tell you what it costs"); kept apart from
# COST_QUESTION_RE, which also tells a line about the call from one said to someone on it
PRICE_QUESTION_RE = re.compile(
    r"\bhow\s+much\s+(?:are|r|were|'re)\s+(?:they|those|these|the\s+\w+|\d+\s+\w+)\b"
    r"|\bwhat(?:'s|s|\s+is|\s+are|\s+r|'re)\s+the\s+(?:price|cost|rate)s?\b"
    r"|\bhow\s+much\s+(?:for|per)\s+(?:a|one|each|the|\d+)\b",
    _I,
)
ASKED_AGAIN_RE = re.compile(r"(?:^|[.,;!?]\s*)(?:but|so|well|and)?\s*(?:can|could)\s+you\W*$", _I)
# "will Carol know who I am?", "does she know it's me?", "will he know why I'm calling?", "are
# you gonna tell her who I am?": what the one called hears of the caller (the introduction)
KNOWS_CALLER_RE = re.compile(
    r"\b(?:will|would|does|do|is|are|won't)\s+(?!(?:you|u)\s)(?:\w+\s+){1,2}?"
    r"(?:know|be told|hear|find out)\s+"
    r"(?:who\s+(?:i\s+am|i'm|im|is\s+calling|it\s+is|it's)|(?:that\s+)?it(?:'s|\s+is)\s+me"
    r"|why\s+i(?:'m|\s+am|m)\s+calling"  # never "what it's about": the warm one
    r"|(?:that\s+)?i(?:'m|\s+am|m)\s+(?:coming|calling))\b"
    r"|\b(?:will|are|would)\s+(?:you|u)\s+(?:going\s+to\s+|gonna\s+)?(?:tell|let)\s+\w+\s+"
    r"(?:know\s+)?(?:who\s+i\s+am|who\s+i'm|it's\s+me|why\s+i(?:'m|\s+am)\s+calling)\b",
    re.IGNORECASE,
)
