/* dev_bbox: a device that only accumulates the bounds of what is drawn
 * (strokes widened by half their width, text by its logical box, clipped by
 * the current clips).  Layout measures a block by drawing it here. */
#ifndef BR_DEV_BBOX_H
#define BR_DEV_BBOX_H

#include "device/device.h"

typedef struct br_bbox_dev br_bbox_dev;

br_bbox_dev *br_bbox_dev_new(void);
br_device *br_bbox_dev_device(br_bbox_dev *dev);
/* The union of all bounds so far; returns 0 when nothing was drawn. OUT: *r */
int br_bbox_dev_bounds(const br_bbox_dev *dev, br_rect *r);
void br_bbox_dev_free(br_bbox_dev *dev);

#endif
