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
