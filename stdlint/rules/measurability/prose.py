"""MEA in prose: every promise of time, speed, frequency or quantity carries a bound."""

from __future__ import annotations

from typing import ClassVar

from stdlint.diagnostics import Criterion, Severity
from stdlint.i18n import Text
from stdlint.rules.vagueness import Fit, VaguenessRule
from stdlint.text.analysis import (
    HEDGED_BOUND,
    OPEN_TIME,
    TARGET_WITHOUT_SHARE,
    VAGUE_FREQUENCY,
    VAGUE_QUANTITY,
    VAGUE_SPEED,
)


class UnboundedDeadline(VaguenessRule):
    """A promise of speed with no time limit.

    ## What it does
    Flags "promptly", "as soon as possible", "in a timely manner", «оперативно», «в кратчайшие
    сроки», «своевременно» and their inflected forms («оперативного», «в кратчайший срок») when
    the sentence names no time bound. A bounded soft word ("promptly, within 30 minutes",
    «оперативно, но не позднее 2 часов») is fine. "Immediately after the call" orders steps
    and is not flagged.

    Also flags time left open: a time that "depends on" something ("delivery time depends on
    the region", «срок ремонта зависит от наличия запчастей», «в индивидуальном порядке») when
    the sentence names no time bound, and an extension with no cap after it ("we may extend
    this period", "it may take longer than 10 days", «срок может быть продлён»). An extension
    with a cap ("by no more than 5 working days", «не более чем на 5 рабочих дней») is fine, and
    so is one inside a condition ("if we take longer than 10 days, we refund the fee").

    ## Why it matters
    Measurability: "promptly" is ten minutes to one agent and two days to another; only a number
    and a unit can be measured, reported and met.

    ## Example
    ```markdown title="email.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    ---

    ## Rule

    1. Reply to every email promptly.

    ## Why

    A customer without an answer writes again or calls.

    ## How we check

    The team lead exports first-reply times every Monday.
    ```
    ```markdown title="email.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Отвечайте на письма в кратчайшие сроки.

    ## Зачем

    Клиент без ответа пишет повторно или звонит.

    ## Как проверяем

    Руководитель группы каждый понедельник выгружает время первого ответа.
    ```

    ## Use instead
    ```markdown title="email.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    ---

    ## Rule

    1. Reply to every email within 2 working hours.

    ## Why

    A customer without an answer writes again or calls.

    ## How we check

    The team lead exports first-reply times every Monday.
    ```
    ```markdown title="email.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Отвечайте на письма в течение двух рабочих часов.

    ## Зачем

    Клиент без ответа пишет повторно или звонит.

    ## Как проверяем

    Руководитель группы каждый понедельник выгружает время первого ответа.
    ```
    """

    code, name = "MEA001", "unbounded-deadline"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    kind = VAGUE_SPEED
    default_example = Text(en="within 15 minutes", ru="в течение 15 минут")
    message = Text(
        en="{words} promises speed without a time limit", ru="{words} — обещание скорости без срока"
    )
    suggestion = Text(
        en="replace {words} with a bound, e.g. {example}",
        ru="замените {words} на срок, например {example}",
    )
    also: ClassVar[dict[str, tuple[Text, Text]]] = {
        OPEN_TIME: (
            Text(
                en="{words} leaves the time open: no bound holds in every case",
                ru="{words} оставляет срок открытым: нет предела, который соблюдается всегда",
            ),
            Text(
                en="name the bound that holds whatever happens, e.g. {example}",
                ru="назовите предел, который соблюдается в любом случае, например {example}",
            ),
        )
    }


class UnboundedFrequency(VaguenessRule):
    """A promise of frequency with no number.

    ## What it does
    Flags "regularly", "periodically", "keep the customer informed", «регулярно»,
    «периодически», «держите клиента в курсе» when the sentence names no frequency ("every
    Monday", "twice a week", «ежедневно», «раз в месяц»).

    ## Why it matters
    Measurability: "regularly" cannot be missed, so it cannot be met either; a frequency can be
    planned, staffed and checked.

    ## Example
    ```markdown title="review.en.md"
    ---
    id: call-review
    title: Reviewing calls
    lang: en
    status: active
    ---

    ## Rule

    1. Listen to recorded calls regularly and discuss them with the agent.

    ## Why

    Agents improve fastest with feedback on real calls.

    ## How we check

    The head of support reads the review log at the end of the month.
    ```
    ```markdown title="review.ru.md"
    ---
    id: call-review
    title: Прослушивание звонков
    lang: ru
    status: active
    ---

    ## Правило

    1. Периодически прослушивайте записи звонков и разбирайте их с оператором.

    ## Зачем

    Оператор быстрее учится на разборе своих звонков.

    ## Как проверяем

    Руководитель поддержки читает журнал разборов в конце месяца.
    ```

    ## Use instead
    ```markdown title="review.en.md"
    ---
    id: call-review
    title: Reviewing calls
    lang: en
    status: active
    ---

    ## Rule

    1. Every Friday, listen to 5 recorded calls of each agent and discuss them with the agent.

    ## Why

    Agents improve fastest with feedback on real calls.

    ## How we check

    The head of support reads the review log at the end of the month.
    ```
    ```markdown title="review.ru.md"
    ---
    id: call-review
    title: Прослушивание звонков
    lang: ru
    status: active
    ---

    ## Правило

    1. Каждую пятницу прослушивайте 5 записей звонков каждого оператора и разбирайте их с ним.

    ## Зачем

    Оператор быстрее учится на разборе своих звонков.

    ## Как проверяем

    Руководитель поддержки читает журнал разборов в конце месяца.
    ```
    """

    code, name = "MEA002", "unbounded-frequency"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    kind = VAGUE_FREQUENCY
    default_example = Text(en="every Monday", ru="каждый понедельник")
    message = Text(en="{words} says how often without a number", ru="{words} — частота без числа")
    suggestion = Text(
        en="say how often: replace {words} with e.g. {example}",
        ru="укажите частоту: замените {words}, например, на {example}",
    )


class VagueQuantity(VaguenessRule):
    """A quantity with no number.

    ## What it does
    Flags "sufficient", "several", "as short as possible", "minimise", «достаточное
    количество», «несколько», «максимально», «сократить» when the sentence has no number.

    The suggestion counts what the sentence counts: things in pieces ("excessive jewellery" →
    "more than 2 pieces of jewellery", «много украшений» → «более 2 украшений»), people as a
    headcount ("enough staff" → "at least 3 staff members"), time in minutes.

    ## Why it matters
    Measurability: "enough staff" and «минимальное ожидание» cannot be planned or checked; a
    number can ("at least 3 agents per shift", «не более 5 минут»).

    ## Example
    ```markdown title="queue.en.md"
    ---
    id: store-queue
    title: Queues in the store
    lang: en
    status: active
    ---

    ## Rule

    1. Keep a sufficient number of tills open on Saturdays.

    ## Why

    Customers leave a queue they cannot see the end of.

    ## How we check

    The store manager counts open tills at noon each Saturday.
    ```
    ```markdown title="queue.ru.md"
    ---
    id: store-queue
    title: Очереди в магазине
    lang: ru
    status: active
    ---

    ## Правило

    1. По субботам держите открытыми достаточное количество касс.

    ## Зачем

    Покупатель уходит из очереди, конца которой не видно.

    ## Как проверяем

    Директор магазина в полдень каждой субботы считает открытые кассы.
    ```

    ## Use instead
    ```markdown title="queue.en.md"
    ---
    id: store-queue
    title: Queues in the store
    lang: en
    status: active
    ---

    ## Rule

    1. On Saturdays, open a till for every 4 customers waiting, up to 6 tills.

    ## Why

    Customers leave a queue they cannot see the end of.

    ## How we check

    The store manager counts open tills at noon each Saturday.
    ```
    ```markdown title="queue.ru.md"
    ---
    id: store-queue
    title: Очереди в магазине
    lang: ru
    status: active
    ---

    ## Правило

    1. По субботам открывайте кассу на каждые 4 человека в очереди, но не более 6 касс.

    ## Зачем

    Покупатель уходит из очереди, конца которой не видно.

    ## Как проверяем

    Директор магазина в полдень каждой субботы считает открытые кассы.
    ```
    """

    code, name = "MEA003", "vague-quantity"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    kind, fit = VAGUE_QUANTITY, Fit.COUNT
    default_example = Text(en="at least 3", ru="не менее 3")
    message = Text(en="{words} is a quantity without a number", ru="{words} — количество без числа")
    suggestion = Text(
        en="give the number: replace {words} with e.g. {example}",
        ru="укажите число: замените {words}, например, на {example}",
    )


class HedgedBound(VaguenessRule):
    """A bound that holds only usually, or only as an aim.

    ## What it does
    Flags an escape clause, a usual-case hedge or an effort next to a number: "we do our best
    to reply within 14 days", "generally within 20 days", «как правило, в течение 3 дней»,
    «стараемся ответить за сутки».

    Not flagged: a hedge followed by a hard cap ("most refunds arrive in 3 days, and all within
    10 working days", «обычно отвечаем за день, но не позднее 3 рабочих дней»: the cap is the
    commitment); a target stated as a target ("we aim to answer 80 % of calls within 20
    seconds", «стремимся отвечать за 2 минуты»); a soft word about the method, not the bound
    ("sent within 2 days, normally by courier").

    ## Why it matters
    Measurability: the number looks like a commitment, but the hedge lets any miss pass. Either
    the bound holds every time — then say so — or its exceptions are written down.

    ## Example
    ```markdown title="complaint.en.md"
    ---
    id: complaint-reply
    title: Answering a complaint
    lang: en
    status: active
    ---

    ## Rule

    1. We usually answer written complaints within 10 working days.

    ## Why

    An unanswered complaint becomes a public one.

    ## How we check

    The quality lead reports answer times on the first Monday of each month.
    ```
    ```markdown title="complaint.ru.md"
    ---
    id: complaint-reply
    title: Ответ на жалобу
    lang: ru
    status: active
    ---

    ## Правило

    1. Как правило, отвечайте на письменную жалобу в течение 10 рабочих дней.

    ## Зачем

    Жалоба без ответа становится публичной.

    ## Как проверяем

    Руководитель службы качества в первый понедельник месяца отчитывается о сроках ответов.
    ```

    ## Use instead
    ```markdown title="complaint.en.md"
    ---
    id: complaint-reply
    title: Answering a complaint
    lang: en
    status: active
    ---

    ## Rule

    1. Answer every written complaint within 10 working days.

    ## Why

    An unanswered complaint becomes a public one.

    ## Exceptions

    If the answer needs a site visit, tell the customer the visit date within 10 working days.

    ## How we check

    The quality lead reports answer times on the first Monday of each month.
    ```
    ```markdown title="complaint.ru.md"
    ---
    id: complaint-reply
    title: Ответ на жалобу
    lang: ru
    status: active
    ---

    ## Правило

    1. Отвечайте на каждую письменную жалобу в течение 10 рабочих дней.

    ## Зачем

    Жалоба без ответа становится публичной.

    ## Как проверяем

    Руководитель службы качества в первый понедельник месяца отчитывается о сроках ответов.
    ```
    """

    code, name = "MEA004", "hedged-bound"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    kind = HEDGED_BOUND
    message = Text(
        en="{words} makes the bound hold only sometimes", ru="{words} делает срок необязательным"
    )
    suggestion = Text(
        en="remove {words}: state the bound that holds every time, and list real exceptions in "
        "the “Exceptions” section",
        ru="уберите {words}: укажите срок, который соблюдается всегда, а настоящие исключения "
        "перечислите в разделе «Исключения»",
    )


class TargetWithoutShare(VaguenessRule):
    """A target with a bound but no share of cases that must meet it.

    ## What it does
    Notes an aim next to a time bound with no share: "we aim to answer calls within 20
    seconds", «стремимся отвечать в чате за 2 минуты». A target is not a hedge (MEA004 does not
    count it), but it is only measurable once it says how many cases must meet it: all of them,
    or "80 % of calls". Not noted when the share is there ("we aim to answer 80 % of calls
    within 20 seconds").

    ## Why it matters
    Measurability: a supervisor can count the calls answered within 20 seconds, but without a
    share cannot say whether the month was good. The share is what the traffic-light zones of
    the metric are built on.

    ## Example
    ```markdown title="phone.en.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. We aim to answer every call within 20 seconds.

    ## Why

    A caller who waits longer hangs up and calls a competitor.

    ## How we check

    The contact-centre lead reads the answer-time report every Monday.
    ```
    ```markdown title="phone.ru.md"
    ---
    id: phone-answer
    title: Ответ на звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. Стремимся отвечать на каждый звонок за 20 секунд.

    ## Зачем

    Клиент, который ждёт дольше, кладёт трубку и звонит конкуренту.

    ## Как проверяем

    Руководитель контакт-центра по понедельникам смотрит отчёт о времени ответа.
    ```

    ## Use instead
    ```markdown title="phone.en.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. We aim to answer 80 % of calls within 20 seconds.

    ## Why

    A caller who waits longer hangs up and calls a competitor.

    ## How we check

    The contact-centre lead reads the answer-time report every Monday.
    ```
    ```markdown title="phone.ru.md"
    ---
    id: phone-answer
    title: Ответ на звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. Стремимся отвечать на 80 % звонков за 20 секунд.

    ## Зачем

    Клиент, который ждёт дольше, кладёт трубку и звонит конкуренту.

    ## Как проверяем

    Руководитель контакт-центра по понедельникам смотрит отчёт о времени ответа.
    ```
    """

    code, name = "MEA010", "target-without-share"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.INFO
    kind = TARGET_WITHOUT_SHARE
    message = Text(
        en="{words} states a target but not the share of cases that must meet it",
        ru="{words} — цель без доли случаев, в которых она должна выполняться",
    )
    suggestion = Text(
        en="say in what share of cases the bound must hold, e.g. “in 80 % of cases”, or make it "
        "hold every time and drop {words}",
        ru="укажите, в какой доле случаев граница соблюдается, например «в 80 % случаев», или "
        "сделайте её обязательной всегда и уберите {words}",
    )
