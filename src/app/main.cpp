#include <exception>
#include <iostream>

#include "app/commands.h"

int main(int argc, char** argv) {
  try {
    return app::Main(argc, argv, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "frontdesk: " << e.what() << '\n';
    return 1;
  }
}
