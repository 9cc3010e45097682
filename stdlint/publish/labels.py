"""Every word the published handbook shows staff, in both languages."""

from __future__ import annotations

from stdlint.handbook import ReviewState, Zone
from stdlint.i18n import Text
from stdlint.parse.models import Direction, Status

STATUS = {
    Status.ACTIVE: Text(en="In force", ru="Действует"),
    Status.DRAFT: Text(en="Draft", ru="Черновик"),
    Status.RETIRED: Text(en="Retired", ru="Отменён"),
}
REVIEW_STATE = {
    ReviewState.FRESH: Text(en="Current", ru="Актуален"),
    ReviewState.DUE_SOON: Text(en="Review due soon", ru="Скоро пересмотр"),
    ReviewState.OVERDUE: Text(en="Review overdue", ru="Пересмотр просрочен"),
    ReviewState.NO_DATA: Text(en="No review date", ru="Нет даты пересмотра"),
}
ZONE_NAMES = {
    Zone.GREEN.value: Text(en="Green zone", ru="Зелёная зона"),
    Zone.YELLOW.value: Text(en="Yellow zone", ru="Жёлтая зона"),
    Zone.RED.value: Text(en="Red zone", ru="Красная зона"),
}
DIRECTION = {
    Direction.LOWER: Text(en="lower is better", ru="чем меньше, тем лучше"),
    Direction.HIGHER: Text(en="higher is better", ru="чем больше, тем лучше"),
}

OWNER = Text(en="Owner", ru="Владелец")
STATUS_LABEL = Text(en="Status", ru="Статус")
APPROVED = Text(en="Approved", ru="Утверждён")
LAST_REVIEW = Text(en="Last review", ru="Последний пересмотр")
NEXT_REVIEW = Text(en="Next review", ru="Следующий пересмотр")
STAGES = Text(en="Journey stages", ru="Этапы пути клиента")
CHANNELS = Text(en="Channels", ru="Каналы")
ROLES = Text(en="Who follows it", ru="Кто выполняет")
METRICS = Text(en="How we measure it", ru="Как мы это измеряем")
METRIC = Text(en="Metric", ru="Показатель")
TARGET = Text(en="Target", ru="Цель")
BALANCED_BY = Text(en="read together with", ru="смотреть вместе с")

HOME_TITLE = Text(en="{company} service standards", ru="Стандарты обслуживания: {company}")
HOME_TITLE_PLAIN = Text(en="Service standards", ru="Стандарты обслуживания")
HOME_INTRO = Text(
    en="What to do, by when, and how we check it: the standards in force, by stage of the "
    "customer journey.",
    ru="Что сделать, в какой срок и как мы это проверяем: действующие стандарты по этапам пути "
    "клиента.",
)
HANDBOOK = Text(en="The handbook", ru="О справочнике")
HOME = Text(en="Home", ru="Главная")
COVERAGE_TITLE = Text(en="Coverage map", ru="Карта покрытия")
COVERAGE_INTRO = Text(
    en="Which stages of the customer journey have a standard in each channel. A number: how "
    "many standards in force cover the cell; {gap}: a required cell with none; {na}: not "
    "applicable; {none}: not required.",
    ru="Для каких этапов пути клиента в каждом канале есть стандарт. Число — сколько "
    "действующих стандартов закрывают ячейку; {gap} — обязательная ячейка без стандарта; "
    "{na} — неприменимо; {none} — не обязательно.",
)
COVERAGE_BY_STAGE = Text(en="Standards by stage", ru="Стандарты по этапам")
COVERAGE_SUMMARY = Text(
    en="{covered} of {total} required cells have a standard in force.",
    ru="Стандарт есть в {covered} из {total} обязательных ячеек.",
)
STAGE = Text(en="Stage", ru="Этап")
NO_STANDARD = Text(en="No standard yet.", ru="Стандарта пока нет.")

REVIEWS_TITLE = Text(en="Review queue", ru="Очередь пересмотра")
REVIEWS_INTRO = Text(
    en="Every standard in force, by owner, the most urgent first. As of {today}.",
    ru="Все действующие стандарты по владельцам, самые срочные сверху. На {today}.",
)
STANDARD = Text(en="Standard", ru="Стандарт")
STATE = Text(en="State", ru="Состояние")

ROLES_TITLE = Text(en="By role", ru="По ролям")
ROLES_INTRO = Text(
    en="The standards each role follows.", ru="Какие стандарты выполняет каждая роль."
)
CHANNELS_TITLE = Text(en="By channel", ru="По каналам")
CHANNELS_INTRO = Text(
    en="The standards for each channel the company uses.",
    ru="Стандарты для каждого канала, которым пользуется компания.",
)
UNASSIGNED = Text(en="Not assigned", ru="Не указано")

RECENT_TITLE = Text(en="Recently changed", ru="Недавние изменения")
RECENT_INTRO_GIT = Text(
    en="Standards by the date of their last change in the handbook's history, newest first.",
    ru="Стандарты по дате последнего изменения в истории справочника, новые сверху.",
)
RECENT_INTRO_DATES = Text(
    en="Standards by the date they were last reviewed or approved, newest first.",
    ru="Стандарты по дате последнего пересмотра или утверждения, новые сверху.",
)
DATE = Text(en="Date", ru="Дата")
CHANGE = Text(en="What changed", ru="Что изменилось")
REVIEWED = Text(en="Reviewed", ru="Пересмотрен")
APPROVED_CHANGE = Text(en="Approved", ru="Утверждён")

SCORECARD_TITLE = Text(en="Service scorecard", ru="Светофор сервиса")
SCORECARD_PERIOD = Text(en="Period: {period}", ru="Период: {period}")
SCORECARD_COMPARED = Text(en="compared with {period}", ru="для сравнения — {period}")
SCORECARD_DATA = Text(
    en="Data: {data} — {rows} read, {used} scored in the period",
    ru="Данные: {data} — прочитано {rows}, за период учтено {used}",
)
SCORECARD_OUTSIDE = Text(en="{count} outside it", ru="вне периода — {count}")
SCORECARD_INACTIVE = Text(
    en="{count} for standards not in force", ru="по недействующим стандартам — {count}"
)
ROWS = (("row", "rows"), ("строка", "строки", "строк"))
OBSERVATIONS = (("observation", "observations"), ("наблюдение", "наблюдения", "наблюдений"))
STANDARDS_COUNT = (("standard", "standards"), ("стандарт", "стандарта", "стандартов"))
SCORECARD_OVERALL = Text(en="Overall", ru="Общий сигнал")
LIGHT = {
    "green": Text(en="Green", ru="Зелёный"),
    "yellow": Text(en="Yellow", ru="Жёлтый"),
    "red": Text(en="Red", ru="Красный"),
    "none": Text(en="Not rated", ru="Нет оценки"),
}
SHARE = {
    "green": Text(en="green {share}", ru="зелёная {share}"),
    "yellow": Text(en="yellow {share}", ru="жёлтая {share}"),
    "red": Text(en="red {share}", ru="красная {share}"),
}
SHARES_LABEL = Text(
    en="Green zone {green}, yellow zone {yellow}, red zone {red}",
    ru="Зелёная зона — {green}, жёлтая — {yellow}, красная — {red}",
)
OBSERVED = Text(en="Observations", ru="Наблюдений")
MEDIAN = Text(en="Median", ru="Медиана")
NINE_IN_TEN = Text(en="9 in 10", ru="9 из 10")
ATTAINMENT = Text(en="Target met", ru="Цель выполнена")
TREND = Text(en="Previous period", ru="Прошлый период")
TREND_GREEN = Text(en="green {before} → {now} ({change})", ru="зелёная {before} → {now} ({change})")
TREND_MEDIAN = Text(en="median {before} → {now}", ru="медиана {before} → {now}")
NO_OBSERVATIONS = Text(en="No observations in {period}.", ru="Наблюдений за период ({period}) нет.")
NO_ZONES = Text(
    en="The standard sets no zones for this metric: it has no light.",
    ru="Стандарт не задаёт зон этому показателю: светофора нет.",
)
BALANCE = Text(en="Read together with", ru="Смотреть вместе с")
BALANCE_GREEN = Text(en="{share} green", ru="в зелёной зоне {share}")
BALANCE_NONE = Text(en="no data", ru="нет данных")
SCORECARD_NO_METRICS = Text(
    en="No standard in force has a metric.",
    ru="Ни у одного действующего стандарта нет показателей.",
)
PROBLEMS_TITLE = Text(
    en="Problems in the data: {rows} not scored",
    ru="Ошибки в данных: не учтено {rows}",
)
EMPTY_TITLE = Text(en="No data for the period", ru="За период нет данных")
PROBLEM_ROWS = Text(en="{kind} — {rows}", ru="{kind} — {rows}")
PROBLEM_EXAMPLE = Text(en="row {row}: {value}", ru="строка {row}: {value}")
PROBLEMS_MORE = Text(
    en="The command {command} lists every row.",
    ru="Все строки покажет команда {command}.",
)
PROBLEM_KIND = {
    "unknown-metric": Text(en="Unknown metric id", ru="Неизвестный показатель"),
    "unknown-standard": Text(
        en="Standard without that metric", ru="Стандарт без такого показателя"
    ),
    "unknown-channel": Text(en="Unknown channel", ru="Неизвестный канал"),
    "bad-value": Text(en="Value is not a number", ru="Значение — не число"),
    "out-of-range": Text(en="Value out of range", ru="Значение вне допустимых пределов"),
    "bad-timestamp": Text(en="Bad date or time", ru="Неверная дата или время"),
    "unit-mismatch": Text(en="Wrong unit", ru="Не та единица измерения"),
    "not-measured": Text(
        en="Metric not measured on that channel", ru="Показатель не измеряется в этом канале"
    ),
    "empty-period": Text(
        en="No usable observation in the period",
        ru="За период нет ни одного пригодного наблюдения",
    ),
}
NOT_CLEAN = Text(
    en="the scorecard data {data} has problems, not scored: {problems}. The scorecard page "
    "lists them; `stdlint score --data {data}` shows every row.",
    ru="в данных для светофора {data} есть ошибки, они не учтены: {problems}. Они перечислены "
    "на странице светофора; все строки покажет `stdlint score --data {data}`.",
)
SCORECARD_HOW = Text(en="How to read the lights", ru="Как читать светофор")
SCORECARD_RULES = (
    Text(
        en="Each observation (a call, a letter, a visit) falls in the green, yellow or red zone "
        "its standard sets; a bound belongs to the better zone.",
        ru="Каждое наблюдение (звонок, письмо, выезд) попадает в зелёную, жёлтую или красную "
        "зону, которую задаёт стандарт; граница относится к лучшей зоне.",
    ),
    Text(
        en="A metric is green when at least 9 observations in 10 are green, yellow when at "
        "least 9 in 10 are green or yellow, red otherwise.",
        ru="Показатель зелёный, если не меньше 9 наблюдений из 10 в зелёной зоне; жёлтый, если "
        "не меньше 9 из 10 в зелёной или жёлтой; иначе красный.",
    ),
    Text(
        en="A standard's light is the worst light of its metrics; the overall light is the "
        "worst of the standards.",
        ru="Сигнал стандарта — худший из сигналов его показателей; общий сигнал — худший из "
        "сигналов стандартов.",
    ),
    Text(
        en="“9 in 10” is the value nine observations in ten are at least as good as. A speed "
        "metric is read beside the quality metric that keeps it honest.",
        ru="«9 из 10» — значение, не хуже которого девять наблюдений из десяти. Показатель "
        "скорости читается вместе с показателем качества, который его уравновешивает.",
    ),
)
MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "ru": (
        "январь", "февраль", "март", "апрель", "май", "июнь",
        "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
    ),
    "ru-of": (
        "января", "февраля", "марта", "апреля", "мая", "июня",
        "июля", "августа", "сентября", "октября", "ноября", "декабря",
    ),
}  # fmt: skip
QUARTER = Text(en="Q{quarter} {year}", ru="{quarter}-й квартал {year}")
YEAR = Text(en="{year}", ru="{year} год")
