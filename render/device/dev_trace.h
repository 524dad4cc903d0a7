/* dev_trace: a device that prints one line per call, with numbers rounded to
 * 0.01 pt, for golden tests of geometry (MuPDF's trace device).  Text runs
 * print their logical box and text, so collision tests can read them. */
#ifndef BR_DEV_TRACE_H
#define BR_DEV_TRACE_H

#include <glib.h>

#include "device/device.h"

typedef struct br_trace_dev br_trace_dev;

/* A trace device that appends to out (borrowed; must outlive the device). */
br_trace_dev *br_trace_dev_new(GString *out, double width, double height);
br_device *br_trace_dev_device(br_trace_dev *dev);
void br_trace_dev_free(br_trace_dev *dev);

#endif
