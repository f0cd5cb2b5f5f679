/**
 * @file slate.h
 * @brief Umbrella header: includes every public header of slate.
 */
#ifndef SLATE_H
#define SLATE_H

#include "slate/calendar.h"
#include "slate/classify.h"
#include "slate/common.h"
#include "slate/contract.h"
#include "slate/escalate.h"
#include "slate/oncall.h"
#include "slate/policy.h"
#include "slate/sla.h"
#include "slate/ticket.h"
#include "slate/tz.h"

#endif /* SLATE_H */
