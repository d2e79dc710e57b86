"""The welcome, safety and support texts, in Pacer's own words.

Plain text with light HTML for the dialogs; kept here so they can be reviewed in one place
and checked for tone by the tests.
"""

from __future__ import annotations

WELCOME_TITLE = "Welcome to Pacer"

WELCOME_HTML = """
<p>Pacer keeps you company while you practise, lying down, for as long as feels right —
a few minutes is plenty.</p>
<p><b>Belly breathing.</b> Rest one hand on your chest and one on your belly. Breathe in
softly through your nose and let the belly rise while the chest stays quiet; then breathe
out slowly and let everything soften. The out-breath is the long, easy part.</p>
<p><b>Progressive relaxation.</b> Pacer guides you to tighten one muscle group, let it go,
tighten it again at half effort and let go again, so you learn how "tight" and "loose"
feel. You keep breathing slowly the whole time.</p>
<p><b>Please keep in mind.</b> Pacer is a practice aid, not a diagnosis or a treatment.
Nothing here should hurt: if something does, stop and go gentler. Pain, burning,
bleeding, signs of an infection, or pain that is getting worse deserve a clinician's look.
Practising alongside a pelvic-floor physiotherapist — and, if fear or past experiences
weigh on you, a therapist — tends to help.</p>
<p>Everything you record stays on this computer. Nothing is ever sent anywhere.</p>
"""

SUPPORT_TITLE = "Where to find support"

SUPPORT_HTML = """
<p>These organisations offer information and help finding clinicians. Pacer works fully
offline; their names are enough to find them.</p>
<ul>
<li><b>International Society for the Study of Women's Sexual Health (ISSWSH)</b> —
education, and a directory of clinicians who specialise in sexual health.</li>
<li><b>National Vulvodynia Association (NVA)</b> — resources and support for vulvar pain.</li>
<li><b>International Pelvic Pain Society (IPPS)</b> — information on pelvic pain and care
from several kinds of specialist working together.</li>
<li><b>American Physical Therapy Association (APTA) — Pelvic Health</b> — a directory of
pelvic-floor physical therapists.</li>
<li><b>Your national health service</b> — for example the UK's NHS publishes plain-language
pages about vaginismus.</li>
</ul>
<p>If something hurts, is getting worse, or worries you, please talk to a doctor,
nurse or physiotherapist.</p>
"""

SHORTCUTS_HTML = """
<table cellspacing="6">
<tr><td><b>Space</b></td><td>begin, pause or continue</td></tr>
<tr><td><b>F11</b></td><td>full screen on or off</td></tr>
<tr><td><b>Esc</b></td><td>leave full screen</td></tr>
<tr><td><b>M</b></td><td>sound on or off</td></tr>
<tr><td><b>Ctrl+E</b></td><td>end the session</td></tr>
<tr><td><b>G</b></td><td>trainer practice: note a moment of guarding (optional)</td></tr>
<tr><td><b>C</b></td><td>trainer practice: go to the closing breaths</td></tr>
<tr><td><b>Ctrl+1 / Ctrl+2 / Ctrl+4 / Ctrl+3 / Ctrl+0</b></td><td>breathing, relaxation, trainer
practice, practice log, home</td></tr>
<tr><td><b>Ctrl+Shift+E</b></td><td>export your practice log</td></tr>
<tr><td><b>Ctrl+,</b></td><td>preferences</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>quit (a running session is saved as ended early)</td></tr>
</table>
"""

TRAINER_TITLE = "About trainer practice"

TRAINER_HTML = """
<p>Trainer practice pairs slow belly breathing with the practice your clinician suggested —
a trainer, a tampon or a finger. First you settle with a few minutes of breathing. Then the
breathing goes on, and each slow out-breath is a moment you may go on, if and when it feels
right. There is no countdown and nothing you have to reach.</p>
<ul>
<li><b>Go at your own pace.</b> Some days you will go further than others; both are
practice. Stopping, or simply breathing, is always fine.</li>
<li><b>Follow your clinician's plan.</b> Pacer paces the breathing; your physiotherapist or
doctor decides what to practise and how.</li>
<li><b>Nothing should hurt.</b> Go on only on a slow out-breath, never on a held breath, and
never force anything. If something hurts, stop, breathe, and go gentler another day; pain,
burning or bleeding deserve a clinician's look.</li>
<li><b>Noticing is the point.</b> Press G if you notice the muscles guarding — only if that
helps you. Afterwards you can note how the muscles responded: guarded throughout, guarded
then softened, stayed soft, or that you stopped. Pacer never asks about sizes.</li>
</ul>
<p>A pelvic-health physiotherapist can guide this practice. The American Physical Therapy
Association (APTA) Pelvic Health keeps a directory of pelvic-floor physical therapists, and
your national health service or doctor can refer you.</p>
"""
