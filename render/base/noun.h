/* noun: what a set's compared units are called in page furniture ("31 of
 * 62 countries reported").  A value shared by the model (which decides it
 * from the set's `compares`) and the word table (which words each). */
#ifndef BR_NOUN_H
#define BR_NOUN_H

typedef enum {
    BR_NOUN_REGIONS,
    BR_NOUN_COUNTRIES,
    BR_NOUN_STATES,
    BR_NOUN_COUNTIES,
    BR_NOUN_CITIES,
    BR_NOUN_ENTITIES,
    BR_NOUN_COUNT
} br_noun;

#endif
