/// @file The document API's write routes: PUT and DELETE /api/documents/{id}, and POST
/// /api/documents with JSON Lines. Each parses and checks every record first (a bad one
/// never reaches the index), then hands the changes to the group-commit writer
/// (document_writer.h) and answers once they are committed.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string_view>

namespace article_search::server {

struct Service;

/// Largest body of a PUT (an article, or a saved page) and of a POST (JSON Lines).
inline constexpr std::size_t max_document_body_bytes = 16u << 20;
inline constexpr std::size_t max_bulk_body_bytes = 32u << 20;
/// Most records in one POST; more are refused whole.
inline constexpr std::size_t max_bulk_records = 10000;

void put_document(Service& service, const httplib::Request& request, httplib::Response& response);
void delete_document(Service& service, const httplib::Request& request, httplib::Response& response);
void post_documents(Service& service, const httplib::Request& request, httplib::Response& response);

/// The media type of a Content-Type value, lower-cased, without parameters. Pure.
std::string media_type(std::string_view content_type);

}  // namespace article_search::server
