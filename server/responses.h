/// @file Answers as JSON: what every handler sends.
#pragma once

#include "errors.h"
#include "render.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace article_search::server {

inline void send_json(httplib::Response& response, int status, const nlohmann::json& body) {
  response.status = status;
  response.set_content(search::dump(body), "application/json");
}

inline void send_json(httplib::Response& response, int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json");
}

inline void send_error(httplib::Response& response, const search::ApiError& error) {
  send_json(response, error.status(), search::to_json(error));
}

}  // namespace article_search::server
