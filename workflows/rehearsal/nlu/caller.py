"""The caller: greeting, yes/no, their own name and why they called."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.gerund import gerund
from workflows.rehearsal.nlu.goodbye import says_goodbye
from workflows.rehearsal.nlu.languages import FOREIGN_HELLOS, FOREIGN_I_AM, SWITCHED_TO_ENGLISH_RE
from workflows.rehearsal.nlu.own_name import ON_FILE_RE
from workflows.rehearsal.nlu.problems import PROBLEM_RE
from workflows.rehearsal.nlu.words import NAME_PARTICLES, everyday_word
from workflows.rehearsal.roles import ROLES

_I = re.IGNORECASE
# The words of those greetings, and words that begin a question ("Am I speaking to ..."):
# never a name.
_GREETING_WORDS = frozenset(
    """guten tag morgen abend buenos buenas dias días tardes noches bom boa dia tarde bonsoir god
    dag ni hao dobry dobrý den am are do does did should shall may might must which whom whose
    speaking soy c'est ich bin suis sono""".split()
)
GREETING_RE = re.compile(
    r"^\W*(?:(?:oh|um|uh|well|yes|yeah|ok|okay)\W+)?(?:hi|hello|hey|hiya|heya|sup|wassup"
    r"|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)"
    rf"|{'|'.join(FOREIGN_HELLOS)}|morning(?=\W*$|[,!.]))\b",
    _I,
)

_FILLER = (
    r"^(?:(?:oh|um+|uh+|er+m?|hmm+|well|wait|hold on|actually|and|but|so|please|hi|hello"
    r"|hey)\s+)*"
)
_NO_RE = re.compile(
    _FILLER + r"(?:no(?!\s+(?:one|body|idea|problem|worries|doubt|matter)\b)|nope|nah|negative"
    r"|cancel|never\s?mind|stop|wrong|incorrect|(?:please\s+)?(?:don't|do not|dont)"
    r"|absolutely not|definitely not|no way|not (?:really|yet|now|that|this|quite|exactly|right"
    r"|correct)|that(?:'s| is) (?:wrong|not right|not correct|incorrect|not it)"
    r"|i (?:don't|do not) think so|i'd rather not)\b",
    _I,
)
_YES_RE = re.compile(
    _FILLER + r"(?:(?:yes|yeah|yea|yep|yup|ya|aye|sure|of course|absolutely|definitely|certainly"
    r"|correct|exactly|affirmative|indeed|confirm(?:ed)?|that(?:'s| is) (?:right|correct|it|fine"
    r"|good|perfect)|sounds (?:good|great|right|fine|perfect)|go ahead|go for it|please do|do it"
    r"|let's do it|perfect|uh[- ]?huh|mm[- ]?hmm|mhm|you got it|that works|works for me)\b"
    r"|(?:ok|okay|alright|all right)(?:\s+(?:then|sure|thanks|thank you|go ahead|do it))?$"
    r"|right$)",
    _I,
)


def yes_or_no(t: str) -> bool | None:
    """Yes/no at the start of each clause; the last clause that answers wins ("yes - wait, no")."""
    answer = None
    for clause in re.split(r"[,.!?;:]+|\s[-\u2013\u2014]+\s", t):
        if _NO_RE.match(clause.strip()):
            answer = False
        elif _YES_RE.match(clause.strip()):
            answer = True
    return answer


# --------------------------------------------------------------------- name and reason
NAME_STOP = (
    frozenset(
        """
    a an the my your his her our their this that it me us you we they he she i not no so very really
    just also still all and or but from with at in on of for to by as about here there fine good
    great well ok okay alright sure sorry ready done back new happy glad busy late free lost calling
    looking trying having going gonna wondering hoping interested afraid able unable available
    certain ringing phoning waiting stuck driving running speaking actually currently already
    probably supposed due only one after over under out up down is was be been need want would like
    wanted have has had can could will please thanks thank urgent important regarding concerning
    again later now tomorrow today tonight asap if when maybe yes yeah what who why how where
    everyone everybody anyone anybody someone somebody nobody nothing none confused worried pleased
    excited tired finished correct right wrong true awesome before first then stop hello hi hey
    hiya yo sup howdy listen look hmm um uh er erm oh wait cheers greetings morning afternoon
    evening quick question lol lmao haha hehe btw u ur pls plz thx tho nope nah naw nein yep
    yup""".split()
    )
    | frozenset(FOREIGN_HELLOS)
    | _GREETING_WORDS
)
# A language, said to switch to it ("sorry, English"): never a name said first
_LANGUAGES = frozenset("english german deutsch spanish french italian portuguese dutch".split())
_TITLE = r"(?:(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame)\.?[ \t]+)?"
_NAME_WORDS = rf"({_TITLE}[^\W\d_][\w'\-]*(?:[ \t]+[^\W\d_][\w'\-]*){{0,2}})"
# A capitalised name standing alone between commas after a greeting: "Hi, Tom Nguyen, ..."
_CAP = r"[^\W\d_a-z][\w'\-]*"
# Whom a greeting is said to: "G'day mate", "Hello ji", "hi sir"; never a name
_HEARER = r"mate|ji|jee|sir|madam|ma'am|buddy|pal|friend|love|folks|all|team|boss"
_GREETED_NAME = (
    r"^\W*(?i:(?:hi|hello|hey|hiya|yo|howdy|(?:good\s+)?(?:morning|afternoon|evening)"
    rf"|{'|'.join(FOREIGN_HELLOS)})(?:\s+(?:there|{_HEARER}))?\s*[,!.]?\s+)"
    rf"((?i:{_TITLE}){_CAP}(?:[ \t]+{_CAP}){{0,2}})"
    r"\s*(?:[,.!;:]|$|\s(?i:from|at|with|of)\s)"  # "Morning! Dave from logistics."
)
_NAME_RES = (
    re.compile(
        r"\b(?:my name is|my name's|name's|the name is|(?:you can )?call me|i'm called"
        rf"|i am called)\s+(?:(?:just|only|simply)\s+)?{_NAME_WORDS}",
        _I,
    ),
    re.compile(rf"\b(?:i'm|i am|im)\s+{_NAME_WORDS}", _I),
    # "myself Rajesh Kumar", "this side Ravi" (Indian English), "here is Lena Fischer" (German);
    # "I am" in the languages callers open in: "hola, soy Lucia", "Bonjour! C'est Amélie"
    re.compile(
        rf"(?:^|[,.!?;:])\s*(?:myself|this side|here is|{FOREIGN_I_AM})\s+{_NAME_WORDS}", _I
    ),
    re.compile(
        r"(?:^|[,.!?;:]\s*|\b(?:hi|hello|hey|yo|sup|hiya|yes|yeah|ya|yea|yep|yup|oh|and|so"
        r"|there|um+|uh+|erm?|ah+|hmm+)\s+)"  # "hi um this is Siobhan"
        rf"(?:this is|it's|its|it is)\s+{_NAME_WORDS}",
        _I,
    ),
    re.compile(
        r"(?:^|[,.!?;:])\s*(?:(?:hi|hello|hey|yo|sup|hiya|yes|yeah|oh)(?:\s+there)?\s+)?"
        rf"{_NAME_WORDS}\s+(?:here|hier|speakin[g']?|callin[g']?|this side)(?!\w)",
        _I,
    ),
    re.compile(_GREETED_NAME),
    # "Professor Anand Krishnamurthy, I'm organising ...", "Grace, his assistant": a name with
    # capitals (or a title) standing alone before the rest of the line
    re.compile(
        rf"^\W*((?i:{_TITLE}){_CAP}(?:[ \t]+{_CAP}){{0,2}})\s*(?:[,.;]|\s[-\u2013\u2014]\s)\s*\S"
    ),
    # "yeah hi. Mike Delgado. need a conference": a full name as a sentence after a greeting
    re.compile(
        r"^\W*(?i:(?:yeah|yes|ok|okay|so|um)\W+)*(?i:hi|hello|hey|hiya|good (?:morning|afternoon"
        rf"|evening))(?:\s+there)?\s*[.!,;]\s*({_CAP}(?:[ \t]+{_CAP}){{1,2}})\s*[.;!]"
    ),
    # "Call from Ravi Patel, ...": a call announced with whom it is from, first and last name
    re.compile(
        r"^\W*(?:(?:a|this is a)\s+)?call from\s+([^\W\d_][\w'-]*[ \t]+[^\W\d_][\w'-]*)", _I
    ),
    # "this is his assistant, Grace", "I'm her PA, Grace Lee"
    re.compile(
        r"\b(?:this is|i'm|i am|it's)\s+(?:his|her|their|the|(?:(?:mr|mrs|ms|dr)\.?\s+)?[\w'-]+'s)"
        r"\s+(?:\w+\s+)?(?:assistant"
        rf"|pa|secretary|colleague|office|deputy)(?:\s*[,.:;-])?\s*{_NAME_WORDS}",
        _I,
    ),
    SWITCHED_TO_ENGLISH_RE,  # "Bonjour… sorry, English please. Marie Dubois"
    ON_FILE_RE,  # "my name on file is Aoife Brennan"
)
_TAIL = r"(?P<r>[^.!?;,]+)"
_WANT_TO_RE = re.compile(  # "I need to <verb> ...": the reason is stored as "<verb>ing ..."
    r"(?:\b(?:(?:i|we)\s*(?:'d|would|'m|am|was|are|'re)?\s*(?:wanna|(?:like|want|need|wanted"
    r"|hoping|trying|looking|calling|planning)\s+to)|help me(?:\s+to)?(?!\s+with\b)"
    r"|calling\s+to)"
    # "Need to get a call happening, can ya help?": the "I" left out, at a clause's start
    r"|(?:^|[,.!?;:])\s*(?:(?:just|really|so)\s+)?(?:(?:need|want)\s+to|wanna|gotta|got to"
    r"|have to))\s+" + _TAIL,
    _I,
)
# Talking to someone: "speaking to", "talking with", "a word with", "a quick chat with"
_TALK_TO = r"(?:speaking|talking|a\s+(?:quick\s+)?(?:word|chat))\s+(?:to|with)"
# "a word with someone in sales" is kept as "speaking to someone in sales"
_A_WORD_RE = re.compile(r"^an?\s+(?:quick\s+|little\s+|brief\s+)?(?:word|chat)\s+with\s+", _I)
_REASON_RES = (
    re.compile(
        r"\b(?:calling|call|ringing|phoning|reaching out|it's|it is|this is|here|question)"
        r"\s+(?:about|regarding|concerning|in regards? to|with regards? to|re)\s+" + _TAIL,
        _I,
    ),
    re.compile(r"^\W*(?:about|regarding|re)\s+" + _TAIL, _I),
    re.compile(
        r"\bthe reason (?:i'm calling|i am calling|for (?:my|the|this) call|i called) is"
        r"\s+(?:that\s+|to\s+|because\s+)?" + _TAIL,
        _I,
    ),
    _WANT_TO_RE,
    re.compile(
        rf"(?:\b(?:i|we|he|she|they|(?:my|our)\s+(?:{ROLES}))\s*(?:'d|would)?\s*(?:like|wants?|needs?)"
        r"|\b(?:i|we)\s*(?:'m|am|are|'re)\s+(?:needing|wanting|requiring)"  # "I am needing a"
        # "jake. need a call w my bro and his gf": the "I" left out, at a clause's start
        r"|(?:^|[,.!?;:])\s*(?:(?:just|really|so)\s+)?(?:need|want)(?!\s+an?\s+conf))\s+"
        r"(?P<r>(?:a|an|some)\s+[^.!?;,]+)",
        _I,
    ),
    re.compile(r"\b(?:looking for|help me with)\s+" + _TAIL, _I),
    # "I'm Sam Ortiz, I need someone in sales", "we want somebody from support": one of a team
    re.compile(
        r"\b(?:i|we)\s*(?:'d|would)?\s*(?:need|want|like)\s+(?P<r>(?:some|any)(?:one|body)"
        r"\s+(?:in|from|on|at)\s+[^.!?;,]+)",
        _I,
    ),
    # British and Irish "I'm after a conference call", "calling for a conference with my
    # accountant", "here for a group call": what they want
    re.compile(
        r"\b(?:(?:i'm|i am|we're|we are)\s+after|(?:calling|ringing|phoning)(?:\s+in)?\s+for"
        r"|here\s+for)\s+(?P<r>an?\s+(?:quick\s+)?(?:conference|group)(?:\s+call)?\b[^.!?;,]*)",
        _I,
    ),
    # "I'm after speaking to a specific person", "talking to Dana" said as the need itself
    re.compile(
        r"(?:\b(?:i'm|i am|we're|we are)\s+after\s+|^\W*(?:(?:um+|uh+|erm|just|so|oh)\W+)*)"
        rf"(?P<r>{_TALK_TO}(?!\s+(?:you|u|me|ya|yourself)\b)\s+[^.!?;,]+)",
        _I,
    ),
    # "I call for speak with my lawyer and my brother together", "we want talk with our
    # partners": a need said with the verb bare, as non-native callers say it
    re.compile(
        r"\b(?:i|we)\s*(?:'m|am|are)?\s+(?:call(?:ing)?|want|need|would like|like)\s+"
        r"(?:for\s+|to\s+)?(?P<r>(?:speak|talk)\s+(?:to|with)\s+[^.!?;,]+)",
        _I,
    ),
    re.compile(  # "I'm organising a call with my team", "I'm after setting up a call"
        r"\b(?:i'm|i am|we're|we are)\s+(?:after\s+)?(?P<r>(?:organi[sz]ing|arranging|planning"
        r"|setting up|putting together|pulling together|getting together|bringing together"
        r"|gathering"
        r"|lining up|hosting|running)\s+[^.!?;,]+)",
        _I,
    ),
    re.compile(  # "I need help with my account", "I need tech support"
        r"\b(?:i|we)\s*(?:'d|would)?\s*(?:need|want|like)\s+(?P<r>(?:some\s+)?(?:(?:help|assistance)"
        r"\s+with\s+[^.!?;,]+|(?:tech(?:nical)?\s+)?support\b[^.!?;,]*))",
        _I,
    ),
)
# A caller who wants support rather than a conference: the host offers the support desk.
SUPPORT_RE = re.compile(
    r"\b(?:tech(?:nical)?\s+)?support\b|\bhelp with my\b|\bcustomer service\b"
    r"|\btech(?:nical)?\s+(?:help|assistance)\b"  # "the right number for technical help?"
    r"|\b(?:isn't|is not|not|stopped|aren't|are not)\s+working\b|\bproblem with my\b"
    rf"|{PROBLEM_RE.pattern}",
    _I,
)


def caller_name(t: str) -> str | None:
    """The caller's own name, title-cased; None for "I'm fine", "this is urgent", "it's me"."""
    if t.isupper():  # "CALL FROM RAVI PATEL, I AM NEEDING ...": read as typed in lower case
        t = t.lower()
    for at, pattern in enumerate(_NAME_RES):  # 5, 6: a name guessed from where it stands
        for m in pattern.finditer(t):
            words, kept, whose = m.group(m.re.groupindex.get("new", 1)).split(), [], False
            capitalised = words[0][0].isupper()  # "I'm Ada Lovelace" vs "i'm ada lovelace"
            for i, word in enumerate(words):
                low = word.lower()
                if (
                    (low in NAME_STOP and not (i and low in NAME_PARTICLES and words[i + 1 :]))
                    or (not i and low in _LANGUAGES)  # "sorry, English. Klaus Becker."
                    or re.search(r"'(?:s|re|ve|ll|d|m|t)$", low)
                    or (i and capitalised and not word[0].isupper())
                    or (word.islower() and len(low) > 4 and low.endswith(("ing", "ed", "ly")))
                    or (i and re.fullmatch(r"[a-z](?:[-.][a-z])+\.?", low))  # "Siobhan S-I-O-B"
                    or (i and len(low) == 1 and len(words) > i + 1 and len(words[i + 1]) == 1)
                ):
                    whose = low.endswith("'s")  # "this is Mr Okafor's assistant": not a name
                    break
                kept.append(word if word not in (low, word.upper()) else word.title())
            if whose or re.fullmatch(_TITLE, " ".join(kept) + " "):
                continue  # "Mr" alone, or whose someone is, is no name of the caller's
            if kept and not (at in (5, 6) and len(kept) == 1 and everyday_word(kept[0])):
                return " ".join(kept)  # not "Means, I need technical support person"
    return None


# Where the reason's clause ends: "but", "because", thanks, or the next clause said of the
# caller ("a billing dispute on our account and I was told to speak with ...")
_CLAUSE_END_RE = re.compile(
    r"\s+(?:but|because|please|thanks|thank you"
    r"|and (?:i|we)(?: was| were|'ve been| have been| got)? (?:told|asked|advised|sent|referred"
    r"|need|want|was hoping))\b",
    _I,
)


def call_reason(t: str) -> str | None:
    """A short noun phrase saying why they called, to follow "about": "calling about the Q3
    budget" -> "the Q3 budget"; "I need to bring someone in" -> "bringing someone in"."""
    for pattern in _REASON_RES:
        if m := pattern.search(t):
            phrase = _CLAUSE_END_RE.split(m.group("r"))[0]
            phrase = " ".join(phrase.split()[:12])
            # "I need to hang up", "gotta run" are goodbyes; "I need to run a call" is a need
            if phrase and not says_goodbye(m.group(), lambda *_: False):
                phrase = gerund(phrase) if pattern is _WANT_TO_RE else phrase
                return _A_WORD_RE.sub("speaking to ", phrase)
    return None
