"""CON: concreteness — every step is an observable action, not a wish or a virtue."""

from __future__ import annotations

from typing import ClassVar

from stdlint.diagnostics import Criterion, Severity
from stdlint.i18n import Text
from stdlint.rules.vagueness import Fit, VaguenessRule
from stdlint.text.analysis import ESCAPE, EXHORTATION, VAGUE_QUALITY, VAGUE_REFERENCE


class VagueQuality(VaguenessRule):
    """A quality or manner that nobody can observe or check.

    ## What it does
    Flags words such as "polite", "appropriate", "high-quality", «вежливый», «надлежащим
    образом», «качественно» in the text that instructs (all but Why and Examples), in any form
    («вежливым», «вежливого»). A quality defined on the spot ("an appropriate ID, such as a
    passport"), pinned down by a script ('say “Good morning, how can I help?” in a friendly
    manner') or one that picks out whom or what ("direct the call to the appropriate person",
    «к компетентному служащему») is not flagged. Lexicon matching uses every plausible reading
    of a word.

    Also flags a reference to rules written elsewhere when the step itself names no number:
    "within the statutory timescale", «в соответствии с требованиями законодательства».

    The suggestion offers an action for what the step is about — a greeting, a call, a letter,
    appearance, a complaint, the farewell, waiting, explaining — found from the step's words,
    or else from the standard's title. The quote ends where its phrase ends ("appropriate
    clothing", not "appropriate").

    ## Why it matters
    Concreteness: "be polite" means something different to every agent and every reviewer; a
    standard says what the customer will see or hear, so that a supervisor can check it.

    ## Example
    ```markdown title="greeting.en.md"
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Greet the caller in a friendly manner.

    ## Why

    A caller who is greeted by name stays on the line.

    ## How we check

    A supervisor listens to 10 recorded calls a week.
    ```
    ```markdown title="greeting.ru.md"
    ---
    id: phone-greeting
    title: Приветствие по телефону
    lang: ru
    status: active
    ---

    ## Правило

    1. Приветствуйте клиента вежливым тоном.

    ## Зачем

    Клиент, которого поприветствовали по имени, не кладёт трубку.

    ## Как проверяем

    Руководитель смены прослушивает 10 записей звонков в неделю.
    ```

    ## Use instead
    ```markdown title="greeting.en.md"
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Say “Good morning”, the company name and your first name.

    ## Why

    A caller who is greeted by name stays on the line.

    ## How we check

    A supervisor listens to 10 recorded calls a week.
    ```
    ```markdown title="greeting.ru.md"
    ---
    id: phone-greeting
    title: Приветствие по телефону
    lang: ru
    status: active
    ---

    ## Правило

    1. Скажите «Добрый день», название компании и своё имя.

    ## Зачем

    Клиент, которого поприветствовали по имени, не кладёт трубку.

    ## Как проверяем

    Руководитель смены прослушивает 10 записей звонков в неделю.
    ```

    ## Options
    Add a company's own vague words in `handbook.yml` (`lexicon: {ru: {vague: [...]}}`), and
    words never to flag with `allowed`.
    """

    code, name = "CON001", "vague-quality"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR
    kind, fit = VAGUE_QUALITY, Fit.TOPIC
    message = Text(
        en="{words} is a quality nobody can check",
        ru="{words} — качество, которое нельзя проверить",
    )
    suggestion = Text(
        en="replace {words} with what the customer sees or hears, e.g. {example}",
        ru="замените {words} действием, которое клиент видит или слышит, например {example}",
    )
    also: ClassVar[dict[str, tuple[Text, Text]]] = {
        VAGUE_REFERENCE: (
            Text(
                en="{words} points to rules written elsewhere: the step names nothing to check",
                ru="{words} — отсылка к правилам в другом месте: в самом шаге нечего проверить",
            ),
            Text(
                en="write the requirement itself into the step, e.g. {example}",
                ru="впишите в шаг само требование, например {example}",
            ),
        )
    }


class EscapeClause(VaguenessRule):
    """Words that make the rule optional.

    ## What it does
    Flags escape clauses and usual-case hedges — "where possible", "if necessary", "try to",
    "usually", «по возможности», «при необходимости», «постарайтесь», «как правило» — in a
    sentence with no number. Next to a number the same words are a hedged bound (MEA004).

    ## Why it matters
    Concreteness: a rule that applies "where possible" never fails, so it cannot be checked.
    When a rule really has exceptions, name them in the Exceptions section.

    ## Example
    ```markdown title="callback.en.md"
    ---
    id: callback
    title: Calling back
    lang: en
    status: active
    ---

    ## Rule

    1. Where possible, call the customer back on the number they used.

    ## Why

    Customers expect the call from a number they know.

    ## How we check

    A supervisor reviews 10 callbacks a week in the phone system.
    ```
    ```markdown title="callback.ru.md"
    ---
    id: callback
    title: Обратный звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. По возможности перезванивайте клиенту на номер, с которого он звонил.

    ## Зачем

    Клиент ждёт звонка с номера, который он знает.

    ## Как проверяем

    Руководитель смены проверяет 10 обратных звонков в неделю в телефонной системе.
    ```

    ## Use instead
    ```markdown title="callback.en.md"
    ---
    id: callback
    title: Calling back
    lang: en
    status: active
    ---

    ## Rule

    1. Call the customer back on the number they used.

    ## Why

    Customers expect the call from a number they know.

    ## Exceptions

    If the customer gives another number, call that one.

    ## How we check

    A supervisor reviews 10 callbacks a week in the phone system.
    ```
    ```markdown title="callback.ru.md"
    ---
    id: callback
    title: Обратный звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. Перезванивайте клиенту на номер, с которого он звонил.

    ## Зачем

    Клиент ждёт звонка с номера, который он знает.

    ## Исключения

    Если клиент назвал другой номер, звоните на него.

    ## Как проверяем

    Руководитель смены проверяет 10 обратных звонков в неделю в телефонной системе.
    ```
    """

    code, name = "CON002", "escape-clause"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR
    kind = ESCAPE
    message = Text(en="{words} makes the rule optional", ru="{words} делает правило необязательным")
    suggestion = Text(
        en="remove {words}; if the rule has exceptions, describe them in the “Exceptions” section",
        ru="уберите {words}; если у правила есть исключения, опишите их в разделе «Исключения»",
    )


class Exhortation(VaguenessRule):
    """An exhortation or an aspiration instead of an action.

    ## What it does
    Flags "be polite", "show empathy", "go the extra mile", "exceed expectations", "strive
    for…", «будьте вежливы», «проявляйте заботу», «клиент всегда прав», «стремитесь…»: a
    step that tells staff what to be or to want, not what to do.

    The quote runs from the verb to the end of the phrase ("provide you with the appropriate
    name and contact details"); the suggestion offers actions for what the step is about, as
    for CON001.

    ## Why it matters
    Concreteness: nobody can follow or check "be professional". The standard's job is to turn
    the virtue into the two or three actions that show it.

    ## Example
    ```markdown title="farewell.en.md"
    ---
    id: farewell
    title: Ending a call
    lang: en
    status: active
    ---

    ## Rule

    1. Be professional at the end of every call.

    ## Why

    The end of a call is what the customer remembers.

    ## How we check

    A supervisor listens to 10 recorded calls a week.
    ```
    ```markdown title="farewell.ru.md"
    ---
    id: farewell
    title: Завершение звонка
    lang: ru
    status: active
    ---

    ## Правило

    1. Будьте доброжелательны в конце каждого разговора.

    ## Зачем

    Конец разговора клиент запоминает лучше всего.

    ## Как проверяем

    Руководитель смены прослушивает 10 записей звонков в неделю.
    ```

    ## Use instead
    ```markdown title="farewell.en.md"
    ---
    id: farewell
    title: Ending a call
    lang: en
    status: active
    ---

    ## Rule

    1. Before you hang up, repeat what will happen next and thank the customer by name.

    ## Why

    The end of a call is what the customer remembers.

    ## How we check

    A supervisor listens to 10 recorded calls a week.
    ```
    ```markdown title="farewell.ru.md"
    ---
    id: farewell
    title: Завершение звонка
    lang: ru
    status: active
    ---

    ## Правило

    1. Перед завершением разговора повторите договорённости и поблагодарите клиента по имени.

    ## Зачем

    Конец разговора клиент запоминает лучше всего.

    ## Как проверяем

    Руководитель смены прослушивает 10 записей звонков в неделю.
    ```
    """

    code, name = "CON003", "exhortation"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR
    kind, fit = EXHORTATION, Fit.TOPIC
    message = Text(
        en="{words} is an exhortation, not an action", ru="{words} — призыв, а не действие"
    )
    suggestion = Text(
        en="write the actions that show it, e.g. {example}",
        ru="опишите действия, в которых это проявляется, например {example}",
    )
