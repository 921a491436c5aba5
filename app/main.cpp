#include "entry.h"

int main(int argc, char **argv)
{
    return netcase::netcaseMain(argc, argv);
}
