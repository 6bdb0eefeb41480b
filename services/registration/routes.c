#include "registration/handlers.h"

const struct oc_route registration_routes[] = {
    {"POST", "/v1/producers", "/v1/producers", producer_post},
    {"GET", "/v1/producers/:id", "/v1/producers/{id}", producer_get},
    {"POST", "/v1/products", "/v1/products", product_post},
    {"GET", "/v1/products", "/v1/products", product_list},
    {"GET", "/v1/products/:id", "/v1/products/{id}", product_get},
};

const size_t registration_route_count = sizeof(registration_routes) / sizeof(registration_routes[0]);
