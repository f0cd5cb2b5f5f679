"""Loading libslate and declaring the C functions the package calls.

The library is the one ``$SLATE_LIBRARY`` names (an error if it cannot be
loaded), else one next to this package, else the system loader's.
"""
import ctypes
import ctypes.util
import os

_HERE = os.path.dirname(os.path.abspath(__file__))

ERROR_TEXT_MAX = 256
ABBR_MAX = 16


class ErrorRecord(ctypes.Structure):
    """Mirror of ``slate_error``."""

    _fields_ = [
        ("code", ctypes.c_int),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
        ("message", ctypes.c_char * ERROR_TEXT_MAX),
        ("file", ctypes.c_char * ERROR_TEXT_MAX),
        ("pointer", ctypes.c_char * ERROR_TEXT_MAX),
    ]


class ZoneInfoRecord(ctypes.Structure):
    """Mirror of ``slate_zone_info``."""

    _fields_ = [
        ("utc_offset", ctypes.c_int32),
        ("is_dst", ctypes.c_int),
        ("abbr", ctypes.c_char * ABBR_MAX),
    ]


class CivilRecord(ctypes.Structure):
    """Mirror of ``slate_civil``."""

    _fields_ = [
        ("year", ctypes.c_int32),
        ("month", ctypes.c_int),
        ("day", ctypes.c_int),
        ("hour", ctypes.c_int),
        ("minute", ctypes.c_int),
        ("second", ctypes.c_int),
    ]


def _candidates():
    for name in sorted(os.listdir(_HERE)):
        if name.startswith("libslate.so") or name in ("libslate.dylib", "slate.dll"):
            yield os.path.join(_HERE, name)
    yield "libslate.so.0"
    found = ctypes.util.find_library("slate")
    if found:
        yield found


def _load():
    env = os.environ.get("SLATE_LIBRARY")
    if env:
        # The library asked for, or an error: never another copy in its place.
        try:
            return ctypes.CDLL(env)
        except OSError as exc:
            raise ImportError(f"cannot load libslate from $SLATE_LIBRARY ({env}): {exc}") from None
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            errors.append(f"{path}: {exc}")
    raise ImportError("cannot load libslate: install it (cmake --install build, as root, puts it on the "
                      "system's library path) or set SLATE_LIBRARY to its path. Tried: " + "; ".join(errors))


lib = _load()

_time = ctypes.c_int64
_status = ctypes.c_int
_err = ctypes.POINTER(ErrorRecord)
_vp = ctypes.c_void_p


def _declare(name, restype, *argtypes):
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)


_declare("slate_version", ctypes.c_char_p)
_declare("slate_status_string", ctypes.c_char_p, _status)
_declare("slate_status_name", ctypes.c_char_p, _status)
_declare("slate_time_parse", _status, ctypes.c_char_p, ctypes.POINTER(_time), _err)
_declare("slate_time_format", _status, _time, ctypes.c_int32, ctypes.c_char_p, ctypes.c_size_t)
_declare("slate_duration_parse", _status, ctypes.c_char_p, ctypes.POINTER(_time), _err)
_declare("slate_duration_format", _status, _time, ctypes.c_char_p, ctypes.c_size_t)
_declare("slate_tzdb_open", _status, ctypes.c_char_p, ctypes.POINTER(_vp), _err)
_declare("slate_tzdb_free", None, _vp)
_declare("slate_tzdb_dir", ctypes.c_char_p, _vp)
_declare("slate_tzdb_zone", _status, _vp, ctypes.c_char_p, ctypes.POINTER(_vp), _err)
_declare("slate_zone_name", ctypes.c_char_p, _vp)
_declare("slate_zone_lookup", _status, _vp, _time, ctypes.POINTER(ZoneInfoRecord))
_declare("slate_zone_to_civil", _status, _vp, _time, ctypes.POINTER(CivilRecord))
_declare("slate_zone_from_civil", _status, _vp, ctypes.POINTER(CivilRecord), ctypes.c_int,
         ctypes.POINTER(_time), _err)
_declare("slate_zone_next_transition", _status, _vp, _time, ctypes.POINTER(_time))


class BusinessDayRecord(ctypes.Structure):
    """Mirror of ``slate_business_day``."""

    _fields_ = [
        ("year", ctypes.c_int32),
        ("month", ctypes.c_int),
        ("day", ctypes.c_int),
        ("start", ctypes.c_int64),
        ("end", ctypes.c_int64),
    ]


class IntervalRecord(ctypes.Structure):
    """Mirror of ``slate_interval``."""

    _fields_ = [
        ("start", ctypes.c_int64),
        ("end", ctypes.c_int64),
        ("year", ctypes.c_int32),
        ("month", ctypes.c_int),
        ("day", ctypes.c_int),
        ("source", ctypes.c_int),
        ("rule", ctypes.c_char_p),
    ]


class IntervalIterRecord(ctypes.Structure):
    """Mirror of ``slate_interval_iter``."""

    _fields_ = [("calendar", ctypes.c_void_p), ("next", ctypes.c_int64), ("end", ctypes.c_int64)]


_declare("slate_policy_from_json", _status, _vp, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_vp), _err)
_declare("slate_policy_from_file", _status, _vp, ctypes.c_char_p, ctypes.POINTER(_vp), _err)

class ClosureRecord(ctypes.Structure):
    """Mirror of ``slate_closure``."""

    _fields_ = [("start", ctypes.c_int64), ("end", ctypes.c_int64), ("whole_day", ctypes.c_int),
                ("year", ctypes.c_int32), ("month", ctypes.c_int), ("day", ctypes.c_int),
                ("name", ctypes.c_char_p), ("source", ctypes.c_char_p)]


class ClosureIterRecord(ctypes.Structure):
    """Mirror of ``slate_closure_iter``."""

    _fields_ = [("calendar", ctypes.c_void_p), ("from_", ctypes.c_int64), ("to", ctypes.c_int64),
                ("last_start", ctypes.c_int64), ("last_index", ctypes.c_size_t), ("started", ctypes.c_int)]


_declare("slate_calendar_closures", _status, _vp, _time, _time, ctypes.POINTER(ClosureIterRecord))
_declare("slate_calendar_closures_next", ctypes.c_int, ctypes.POINTER(ClosureIterRecord),
         ctypes.POINTER(ClosureRecord))

class OnCallRecord(ctypes.Structure):
    """Mirror of ``slate_oncall``."""

    _fields_ = [("member", ctypes.c_char_p), ("layer", ctypes.c_char_p), ("rule", ctypes.c_char_p),
                ("until", ctypes.c_int64)]


class OnCallIterRecord(ctypes.Structure):
    """Mirror of ``slate_oncall_iter``."""

    _fields_ = [("schedule", ctypes.c_void_p), ("next", ctypes.c_int64), ("end", ctypes.c_int64)]


class OnCallStretchRecord(ctypes.Structure):
    """Mirror of ``slate_oncall_stretch``."""

    _fields_ = [("from_", ctypes.c_int64), ("to", ctypes.c_int64), ("member", ctypes.c_char_p),
                ("layer", ctypes.c_char_p), ("rule", ctypes.c_char_p)]


_declare("slate_policy_schedule", _vp, _vp, ctypes.c_char_p)
_declare("slate_policy_schedule_count", ctypes.c_size_t, _vp)
_declare("slate_policy_schedule_id", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_schedule_zone", _vp, _vp)
_declare("slate_schedule_name", ctypes.c_char_p, _vp)
_declare("slate_schedule_who", _status, _vp, _time, ctypes.POINTER(OnCallRecord))
_declare("slate_schedule_next_handoff", _status, _vp, _time, ctypes.POINTER(_time))
_declare("slate_schedule_stretches", _status, _vp, _time, _time, ctypes.POINTER(OnCallIterRecord))
_declare("slate_schedule_stretches_next", ctypes.c_int, ctypes.POINTER(OnCallIterRecord),
         ctypes.POINTER(OnCallStretchRecord))

SourceReader = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p),
                                ctypes.POINTER(ctypes.c_size_t))


class SourcesRecord(ctypes.Structure):
    """Mirror of ``slate_policy_sources``."""

    _fields_ = [("base_dir", ctypes.c_char_p), ("read", SourceReader), ("ctx", ctypes.c_void_p)]


_declare("slate_policy_from_json_sources", _status, _vp, ctypes.c_char_p, ctypes.c_size_t,
         ctypes.POINTER(SourcesRecord), ctypes.POINTER(_vp), _err)
_declare("slate_policy_free", None, _vp)
_declare("slate_policy_calendar", _vp, _vp, ctypes.c_char_p)
_declare("slate_policy_calendar_count", ctypes.c_size_t, _vp)
_declare("slate_policy_calendar_at", _vp, _vp, ctypes.c_size_t)
_declare("slate_policy_calendar_id", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_warning_count", ctypes.c_size_t, _vp)
_declare("slate_policy_warning", ctypes.POINTER(ErrorRecord), _vp, ctypes.c_size_t)
_declare("slate_calendar_is_open", ctypes.c_int, _vp, _time)
_declare("slate_calendar_next_open", _status, _vp, _time, ctypes.POINTER(_time))
_declare("slate_calendar_next_close", _status, _vp, _time, ctypes.POINTER(_time))
_declare("slate_calendar_prev_open", _status, _vp, _time, ctypes.POINTER(_time))
_declare("slate_calendar_prev_close", _status, _vp, _time, ctypes.POINTER(_time))
_declare("slate_calendar_add_business_days", _status, _vp, _time, ctypes.c_int32, ctypes.POINTER(_time))
_declare("slate_calendar_business_days", _status, _vp, _time, _time, ctypes.POINTER(ctypes.c_int32))
_declare("slate_calendar_business_day", _status, _vp, _time, ctypes.POINTER(BusinessDayRecord))
_declare("slate_calendar_add", _status, _vp, _time, _time, ctypes.POINTER(_time))
_declare("slate_calendar_between", _status, _vp, _time, _time, ctypes.POINTER(_time))
_declare("slate_calendar_intervals", _status, _vp, _time, _time, ctypes.POINTER(IntervalIterRecord))
_declare("slate_calendar_intervals_next", ctypes.c_int, ctypes.POINTER(IntervalIterRecord),
         ctypes.POINTER(IntervalRecord))
_declare("slate_calendar_name", ctypes.c_char_p, _vp)
_declare("slate_calendar_zone", _vp, _vp)
_declare("slate_calendar_memory", ctypes.c_size_t, _vp)


class FieldRecord(ctypes.Structure):
    """Mirror of ``slate_field``."""

    _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]


class TrailRecord(ctypes.Structure):
    """Mirror of ``slate_trail_entry``."""

    _fields_ = [("rule", ctypes.c_char_p), ("matched", ctypes.c_int), ("reason", ctypes.c_char_p)]


class ClassificationRecord(ctypes.Structure):
    """Mirror of ``slate_classification``."""

    _fields_ = [
        ("priority", ctypes.c_int),
        ("priority_name", ctypes.c_char_p),
        ("impact", ctypes.c_int),
        ("impact_name", ctypes.c_char_p),
        ("urgency", ctypes.c_int),
        ("urgency_name", ctypes.c_char_p),
        ("decided_by", ctypes.c_char_p),
        ("fired_count", ctypes.c_size_t),
        ("fired", ctypes.POINTER(ctypes.c_char_p)),
        ("trail_count", ctypes.c_size_t),
        ("trail", ctypes.POINTER(TrailRecord)),
    ]


_declare("slate_classifier_new", _status, _vp, ctypes.POINTER(_vp), _err)
_declare("slate_classifier_free", None, _vp)
_declare("slate_classify", _status, _vp, ctypes.POINTER(FieldRecord), ctypes.c_size_t, ctypes.c_int,
         ctypes.POINTER(ClassificationRecord), _err)
_declare("slate_policy_priority_count", ctypes.c_size_t, _vp)
_declare("slate_policy_priority_name", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_priority_id", ctypes.c_char_p, _vp, ctypes.c_size_t)


class EventRecord(ctypes.Structure):
    """Mirror of ``slate_event``."""

    _fields_ = [("at", ctypes.c_int64), ("kind", ctypes.c_char_p),
                ("fields", ctypes.POINTER(FieldRecord)), ("field_count", ctypes.c_size_t)]


class StepRecord(ctypes.Structure):
    """Mirror of ``slate_sla_step``."""

    _fields_ = [("at", ctypes.c_int64), ("event", ctypes.c_size_t), ("from_", ctypes.c_int),
                ("to", ctypes.c_int), ("why", ctypes.c_char_p), ("condition", ctypes.c_char_p),
                ("calendar", ctypes.c_char_p), ("zone", ctypes.c_char_p), ("noted", ctypes.c_int64)]


class CycleRecord(ctypes.Structure):
    """Mirror of ``slate_sla_cycle``."""

    _fields_ = [
        ("number", ctypes.c_int), ("state", ctypes.c_int), ("outcome", ctypes.c_int), ("priority", ctypes.c_char_p),
        ("start", ctypes.c_int64), ("has_end", ctypes.c_int), ("end", ctypes.c_int64),
        ("target_seconds", ctypes.c_int64), ("elapsed", ctypes.c_int64), ("paused", ctypes.c_int64),
        ("has_due", ctypes.c_int), ("due", ctypes.c_int64), ("breached", ctypes.c_int),
        ("breach_time", ctypes.c_int64), ("late_by", ctypes.c_int64),
    ]


class SlaResultRecord(ctypes.Structure):
    """Mirror of ``slate_sla_result``."""

    _fields_ = [
        ("sla", ctypes.c_char_p), ("target", ctypes.c_char_p), ("state", ctypes.c_int),
        ("breached", ctypes.c_int), ("priority", ctypes.c_char_p), ("target_seconds", ctypes.c_int64),
        ("start", ctypes.c_int64), ("elapsed", ctypes.c_int64), ("paused", ctypes.c_int64),
        ("remaining", ctypes.c_int64), ("has_due", ctypes.c_int), ("due", ctypes.c_int64),
        ("has_breach_time", ctypes.c_int), ("breach_time", ctypes.c_int64), ("percent", ctypes.c_double),
        ("cycles", ctypes.c_int), ("step_count", ctypes.c_size_t), ("steps", ctypes.POINTER(StepRecord)),
        ("has_deadline", ctypes.c_int), ("deadline", ctypes.c_int64), ("calendar", ctypes.c_char_p),
        ("zone", ctypes.c_char_p), ("cycle_count", ctypes.c_size_t), ("cycle_list", ctypes.POINTER(CycleRecord)),
    ]


_declare("slate_clock_new", _status, _vp, ctypes.POINTER(_vp), _err)
_declare("slate_clock_free", None, _vp)
_declare("slate_clock_reset", None, _vp)
_declare("slate_clock_apply", _status, _vp, ctypes.POINTER(EventRecord), _err)
_declare("slate_clock_results", _status, _vp, _time, ctypes.POINTER(ctypes.POINTER(SlaResultRecord)),
         ctypes.POINTER(ctypes.c_size_t), _err)
_declare("slate_sla_state_name", ctypes.c_char_p, ctypes.c_int)


class EscalationRecord(ctypes.Structure):
    """Mirror of ``slate_escalation``."""

    _fields_ = [
        ("chain", ctypes.c_char_p), ("step", ctypes.c_char_p), ("sla", ctypes.c_char_p),
        ("target", ctypes.c_char_p), ("rule", ctypes.c_char_p), ("pointer", ctypes.c_char_p),
        ("cycle", ctypes.c_int), ("repeat", ctypes.c_int), ("at", ctypes.c_int64), ("eligible", ctypes.c_int64),
        ("elapsed", ctypes.c_int64), ("notify", ctypes.POINTER(ctypes.c_char_p)), ("notify_count", ctypes.c_size_t),
        ("channel", ctypes.c_char_p), ("template_id", ctypes.c_char_p), ("data", ctypes.c_char_p),
        ("oncall_schedule", ctypes.c_char_p), ("oncall_member", ctypes.c_char_p), ("oncall_layer", ctypes.c_char_p),
    ]


class EscalationStatusRecord(ctypes.Structure):
    """Mirror of ``slate_escalation_status``."""

    _fields_ = [("fired", ctypes.POINTER(EscalationRecord)), ("fired_count", ctypes.c_size_t),
                ("has_next_wake", ctypes.c_int), ("next_wake", ctypes.c_int64)]


_declare("slate_clock_escalations", _status, _vp, _time, ctypes.POINTER(EscalationStatusRecord), _err)
_declare("slate_clock_escalations_between", _status, _vp, _time, _time,
         ctypes.POINTER(ctypes.POINTER(EscalationRecord)), ctypes.POINTER(ctypes.c_size_t), _err)


class ReportRowRecord(ctypes.Structure):
    """Mirror of ``slate_report_row``."""

    _fields_ = [("target", ctypes.c_char_p), ("priority", ctypes.c_char_p), ("met", ctypes.c_size_t),
                ("breached", ctypes.c_size_t), ("open", ctypes.c_size_t), ("finished", ctypes.c_size_t),
                ("median", ctypes.c_int64), ("p90", ctypes.c_int64)]


class ReportCreditRecord(ctypes.Structure):
    """Mirror of ``slate_report_credit``."""

    _fields_ = [("clause", ctypes.c_char_p), ("pointer", ctypes.c_char_p), ("ticket", ctypes.c_char_p),
                ("target", ctypes.c_char_p), ("priority", ctypes.c_char_p), ("at", ctypes.c_int64),
                ("late", ctypes.c_int64), ("units", ctypes.c_int64), ("amount", ctypes.c_int64)]


class ReportBreachRecord(ctypes.Structure):
    """Mirror of ``slate_report_breach``."""

    _fields_ = [("ticket", ctypes.c_char_p), ("cycle", ctypes.c_int), ("target", ctypes.c_char_p),
                ("priority", ctypes.c_char_p), ("has_due", ctypes.c_int), ("due", ctypes.c_int64),
                ("at", ctypes.c_int64), ("late_by", ctypes.c_int64), ("clause", ctypes.c_char_p)]


class ReportPeriodRecord(ctypes.Structure):
    """Mirror of ``slate_report_period``."""

    _fields_ = [("start", ctypes.c_int64), ("end", ctypes.c_int64), ("fee", ctypes.c_int64),
                ("committed", ctypes.c_int64), ("downtime", ctypes.c_int64), ("availability", ctypes.c_double),
                ("availability_met", ctypes.c_int), ("credits_due", ctypes.c_int64), ("cap", ctypes.c_int64),
                ("credits_owed", ctypes.c_int64), ("row_count", ctypes.c_size_t),
                ("rows", ctypes.POINTER(ReportRowRecord)), ("credit_count", ctypes.c_size_t),
                ("credits", ctypes.POINTER(ReportCreditRecord)), ("breach_count", ctypes.c_size_t),
                ("breaches", ctypes.POINTER(ReportBreachRecord))]


class ReportResultRecord(ctypes.Structure):
    """Mirror of ``slate_report_result``."""

    _fields_ = [("contract", ctypes.c_char_p), ("customer", ctypes.c_char_p), ("currency", ctypes.c_char_p),
                ("sla", ctypes.c_char_p), ("zone", ctypes.c_void_p), ("coverage", ctypes.c_char_p),
                ("availability_calendar", ctypes.c_char_p), ("availability_target", ctypes.c_double),
                ("start", ctypes.c_int64), ("end", ctypes.c_int64), ("tickets", ctypes.c_size_t),
                ("uncovered_count", ctypes.c_size_t), ("uncovered", ctypes.POINTER(ctypes.c_char_p)),
                ("credits_owed", ctypes.c_int64), ("period_count", ctypes.c_size_t),
                ("periods", ctypes.POINTER(ReportPeriodRecord))]


_declare("slate_report_new", _status, _vp, ctypes.c_char_p, _time, _time, ctypes.POINTER(_vp), _err)
_declare("slate_report_add", _status, _vp, ctypes.c_char_p, ctypes.POINTER(EventRecord), ctypes.c_size_t, _err)
_declare("slate_report_result_get", _status, _vp, ctypes.POINTER(ctypes.POINTER(ReportResultRecord)), _err)
_declare("slate_report_free", None, _vp)
_declare("slate_policy_contract_count", ctypes.c_size_t, _vp)
_declare("slate_policy_contract_timezone", _vp, _vp, ctypes.c_size_t)
_declare("slate_policy_contract_id", ctypes.c_char_p, _vp, ctypes.c_size_t)

_declare("slate_clock_set_policy", _status, _vp, _vp, _time, _err)
_declare("slate_policy_sla_count", ctypes.c_size_t, _vp)
_declare("slate_policy_sla_id", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_sla_target_count", ctypes.c_size_t, _vp, ctypes.c_size_t)
_declare("slate_policy_sla_target_id", ctypes.c_char_p, _vp, ctypes.c_size_t, ctypes.c_size_t)
_declare("slate_policy_sla_target", ctypes.c_char_p, _vp, ctypes.c_size_t, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t))
_declare("slate_policy_escalation_count", ctypes.c_size_t, _vp)
_declare("slate_policy_escalation_id", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_escalation_sla", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_escalation_target", ctypes.c_char_p, _vp, ctypes.c_size_t)
_declare("slate_policy_escalation_step_count", ctypes.c_size_t, _vp, ctypes.c_size_t)
_declare("slate_policy_escalation", ctypes.c_char_p, _vp, ctypes.c_size_t, ctypes.POINTER(ctypes.c_char_p),
         ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_size_t))
_declare("slate_ticket_from_json", _status, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_vp), _err)
_declare("slate_ticket_free", None, _vp)
_declare("slate_ticket_fields", ctypes.POINTER(FieldRecord), _vp, ctypes.POINTER(ctypes.c_size_t))
_declare("slate_history_from_json", _status, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_vp), _err)
_declare("slate_history_free", None, _vp)
_declare("slate_history_id", ctypes.c_char_p, _vp)
_declare("slate_history_events", ctypes.POINTER(EventRecord), _vp, ctypes.POINTER(ctypes.c_size_t))
_declare("slate_days_from_civil", ctypes.c_int64, ctypes.c_int32, ctypes.c_int, ctypes.c_int)
_declare("slate_civil_from_days", None, ctypes.c_int64, ctypes.POINTER(ctypes.c_int32), ctypes.POINTER(ctypes.c_int),
         ctypes.POINTER(ctypes.c_int))
_declare("slate_weekday", ctypes.c_int, ctypes.c_int64)
_declare("slate_days_in_month", ctypes.c_int, ctypes.c_int32, ctypes.c_int)
_declare("slate_civil_check", _status, ctypes.POINTER(CivilRecord), _err)
_declare("slate_civil_parse", _status, ctypes.c_char_p, ctypes.POINTER(CivilRecord), _err)
